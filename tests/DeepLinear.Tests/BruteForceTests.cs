using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace DeepLinear.Tests;

/// <summary>The reference itself: it must say why it stopped, and tell a minimum from a saddle without the theory.</summary>
public class BruteForceTests
{
    /// <summary>½xᵀAx with A = diag(1, 100): minimum 0 at 0, gradient Ax.</summary>
    static (double F, Vector<double> G) Quadratic(Vector<double> x) =>
        (0.5 * (x[0] * x[0] + 100 * x[1] * x[1]), Vector<double>.Build.DenseOfArray([x[0], 100 * x[1]]));

    [Fact]
    public void Lbfgs_reports_convergence_only_when_the_gradient_is_below_the_tolerance()
    {
        var start = Vector<double>.Build.DenseOfArray([1.0, 1.0]);
        var (x, f, gradientNorm, stop) = BruteForce.Lbfgs(Quadratic, start, 1e-10, 1000);
        Assert.Equal(LbfgsStop.Converged, stop);
        Assert.True(gradientNorm <= 1e-10 && x.InfinityNorm() <= 1e-10, $"‖∇‖∞ = {gradientNorm:G3} at {x}");
        Tolerance.Close(0, f, 0, 1e-20, "value at the minimum");

        // a gradient of the wrong sign makes every search direction an ascent: the search shrinks its step until L no
        // longer changes in float64 and stops there, which must not be reported as convergence
        var (_, _, wrongNorm, wrongStop) = BruteForce.Lbfgs(v => (Quadratic(v).F, -Quadratic(v).G), start, 1e-10, 1000);
        Assert.Contains(wrongStop, new[] { LbfgsStop.LineSearchFailed, LbfgsStop.Stalled });
        Assert.True(wrongNorm > 1, $"‖∇‖∞ = {wrongNorm:G3} where it stopped");

        var (_, _, limitedNorm, limitedStop) = BruteForce.Lbfgs(Quadratic, start, 1e-10, 2);
        Assert.Equal(LbfgsStop.IterationLimit, limitedStop);
        Assert.True(limitedNorm > 1e-10);
    }

    [Fact]
    public void Examine_finds_the_saddle_at_zero_of_a_two_layer_net_above_Theorem_1_and_the_minimum_the_solver_builds()
    {
        var data = RandomProblems.Data(new Random(4), 3, 0.5);
        var arch = new Architecture(1, [2], [0.3], 0.3, [0.3]);
        var zero = BruteForce.Examine(data, arch, NetworkWeights.Zero(arch, 3));
        Assert.True(zero.IsConverged, "zero is stationary");
        Assert.False(zero.IsMinimum, $"zero must be a saddle: smallest curvature {zero.SmallestCurvature:G3}");
        // the most negative curvature at zero is 2(γ − ‖E[xy]‖) = −0.4 (the D = 1 block of the Hessian); one weight away
        // from zero the gradient is linear in it, so the finite differences are exact but for round-off
        Tolerance.Close(-0.4, zero.SmallestCurvature, 0, 1e-10, "smallest Hessian eigenvalue at zero");
        var minimum = BruteForce.Examine(data, arch, ExactSolver.Solve(data, arch).GlobalMinimumWeights());
        Assert.True(minimum.IsMinimum, $"the global minimum: ‖∇L‖∞ = {minimum.GradientNorm:G3}, smallest curvature {minimum.SmallestCurvature:G3}");
        Assert.True(minimum.DistanceBound < 1e-9, $"the exact minimum is only known to within {minimum.DistanceBound:G3}");
    }

    [Fact]
    public void Minimise_reproduces_its_endpoints_from_the_seed_and_draws_new_ones_from_another()
    {
        var data = RandomProblems.Data(new Random(6), 3, 1.0);
        var arch = RandomProblems.Architecture(new Random(6), 2);
        var first = BruteForce.Minimise(data, arch, 4, seed: 1);
        var again = BruteForce.Minimise(data, arch, 4, seed: 1);
        var other = BruteForce.Minimise(data, arch, 4, seed: 2);
        Assert.Equal(first.Select(m => m.Weights.Flatten().ToArray()), again.Select(m => m.Weights.Flatten().ToArray()));
        Assert.NotEqual(first.Select(m => m.Weights.Flatten().ToArray()), other.Select(m => m.Weights.Flatten().ToArray()));
    }
}
