using Xunit;

namespace DeepLinear.Tests;

public class ExactSolverTests
{
    public static IEnumerable<object[]> Problems()
    {
        for (int seed = 1; seed <= 24; seed++) yield return [seed];
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void Global_minimum_and_every_local_minimum_agree_with_brute_force_over_all_weights(int seed)
    {
        var random = new Random(seed);
        int depth = 1 + seed % 4, d = 2 + seed % 4;
        var data = RandomProblems.Data(random, d, 0.2 + 1.5 * random.NextDouble());
        var arch = RandomProblems.Architecture(random, depth);
        var exact = ExactSolver.Solve(data, arch);
        var minima = BruteForceReference.Minima(data, arch, starts: 16, seed: seed);
        // brute force's losses are within ½‖∇L‖₂²/λ_min ≈ 1e-18 of a minimum, the solver's roots within 1e-13 in log τ
        // (second order in L): both agree to round-off, and 1e-12 of E[y²] leaves room
        Tolerance.Close(minima[0].Loss, exact.GlobalMinimumLoss, 0, 1e-12 * data.Eyy, $"seed {seed}, D={depth}: global minimum loss");
        var local = exact.Solutions.Where(s => s.Kind == StationaryKind.LocalMinimum).ToList();
        foreach (var m in minima.Where(m => !m.IsTrivial))
            Assert.True(local.Any(s => Math.Abs(s.Loss - m.Loss) <= 1e-12 * data.Eyy), $"seed {seed}: brute force found a nontrivial minimum of loss {m.Loss:R} that is none of the solver's local minima");
        Assert.Equal(local.Count > 0, minima.Any(m => !m.IsTrivial));
    }

    [Fact]
    public void Every_stationary_point_reconstructs_weights_with_zero_gradient_the_reported_loss_and_the_reported_kind()
    {
        int minimaChecked = 0, maximaChecked = 0;
        for (int seed = 100; seed < 110; seed++)
        {
            var random = new Random(seed);
            var data = RandomProblems.Data(random, 3, 1.2);
            var arch = RandomProblems.Architecture(random, 1 + seed % 3);
            var exact = ExactSolver.Solve(data, arch);
            foreach (var point in exact.Solutions)
            {
                var examined = BruteForce.Examine(data, arch, exact.Weights(point));
                // the reconstruction evaluates the loss in another order than the landscape: round-off of 1e-16·E[y²] terms
                Tolerance.Close(point.Loss, examined.Loss, 1e-12, 1e-14, $"seed {seed}: loss at scale {point.Scale}");
                Assert.True(examined.GradientNorm < 1e-10, $"seed {seed}: ‖∇L‖∞ = {examined.GradientNorm:G3} at a stationary point");
                // the kind along τ must be the kind over all weights: a maximum of L(τ) is a saddle of L(U, W)
                if (point.Kind == StationaryKind.LocalMinimum) { Assert.True(examined.IsMinimum, $"seed {seed}: smallest curvature {examined.SmallestCurvature:G3}"); minimaChecked++; }
                if (point.Kind == StationaryKind.LocalMaximum) { Assert.True(examined.SmallestCurvature < -examined.CurvatureTolerance, $"seed {seed}: a maximum of L(τ) with smallest curvature {examined.SmallestCurvature:G3}"); maximaChecked++; }
            }
        }
        Assert.True(minimaChecked >= 5 && maximaChecked >= 2, $"only {minimaChecked} minima and {maximaChecked} maxima were reconstructed");
    }
}
