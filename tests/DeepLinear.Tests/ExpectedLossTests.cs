using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace DeepLinear.Tests;

public class ExpectedLossTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 3)]
    [InlineData(4, 4)]
    public void Gradient_matches_central_finite_differences(int depth, int seed)
    {
        var random = new Random(seed);
        var data = RandomProblems.Data(random, 3, 0.7);
        var arch = RandomProblems.Architecture(random, depth);
        var weights = RandomProblems.Weights(random, arch, 3, 0.8);
        var (_, gradient) = ExpectedLoss.ValueAndGradient(data, arch, weights);
        var x = weights.Flatten();
        var g = gradient.Flatten();
        const double h = 1e-6;
        for (int i = 0; i < x.Count; i++)
        {
            var plus = x.Clone(); plus[i] += h;
            var minus = x.Clone(); minus[i] -= h;
            double numeric = (ExpectedLoss.Value(data, arch, weights.Unflatten(plus)) - ExpectedLoss.Value(data, arch, weights.Unflatten(minus))) / (2 * h);
            // central differences: truncation O(h²·L‴) ~ 1e-12, round-off O(ε·L/h) ~ 1e-10
            Tolerance.Close(numeric, g[i], 1e-6, 1e-8, $"dL/dθ[{i}]");
        }
    }

    [Fact]
    public void Noise_expectation_matches_Monte_Carlo_over_sampled_noise()
    {
        var random = new Random(7);
        const int d = 3, n = 200_000;
        var x = Matrix<double>.Build.Dense(50, d, (_, _) => RandomProblems.Gaussian(random));
        var y = Vector<double>.Build.Dense(50, i => x[i, 0] - 0.5 * x[i, 2] + 0.3 * RandomProblems.Gaussian(random));
        var data = DataStatistics.FromSamples(x, y);
        var arch = new Architecture(2, [3, 2], [0.5, 0.25], 0, [0, 0]);
        var w = RandomProblems.Weights(random, arch, d, 0.7);
        double exact = ExpectedLoss.Value(data, arch, w);

        // dropout-like Bernoulli noise with the same mean 1 and variance σ²: ε = B/p with B ~ Bernoulli(p), p = 1/(1+σ²)
        double sum = 0, sumSquares = 0;
        for (int s = 0; s < n; s++)
        {
            int row = s % x.RowCount;
            var h = w.W[0] * x.Row(row);
            for (int j = 0; j < h.Count; j++) h[j] *= Bernoulli(random, 0.5);
            h = w.W[1] * h;
            for (int j = 0; j < h.Count; j++) h[j] *= Bernoulli(random, 0.25);
            double residual = w.U.DotProduct(h) - y[row];
            sum += residual * residual;
            sumSquares += residual * residual * residual * residual;
        }
        double mean = sum / n, standardError = Math.Sqrt((sumSquares / n - mean * mean) / n);
        Tolerance.Close(exact, mean, 0, 5 * standardError, "E over noise and data of (f − y)², Monte Carlo ± 5 SE");
    }

    static double Bernoulli(Random random, double variance)
    {
        double keep = 1 / (1 + variance);
        return random.NextDouble() < keep ? 1 / keep : 0;
    }

    [Fact]
    public void Hessian_at_zero_matches_finite_differences_of_the_gradient()
    {
        foreach (int depth in new[] { 0, 1, 2, 3, 5 })
        {
            var random = new Random(10 + depth);
            var data = RandomProblems.Data(random, 3, 0.9);
            var arch = RandomProblems.Architecture(random, depth);
            var hessian = ExpectedLoss.HessianAtZero(data, arch);
            var numeric = FiniteDifferenceHessianAtZero(data, arch);
            for (int i = 0; i < numeric.RowCount; i++)
                for (int j = 0; j < numeric.ColumnCount; j++)
                    // one weight away from zero every term of ∇L of order ≥ 2 in the weights vanishes, so the central
                    // difference is exact but for round-off (measured 1e-12)
                    Tolerance.Close(numeric[j, i], hessian[j, i], 0, 1e-10, $"D={depth} H[{j},{i}]");
        }
    }

    /// <summary>
    /// The Hessian of L at zero by central differences of the exact gradient (step 1e-5), without HessianAtZero's algebra;
    /// exact but for round-off, since with one weight nonzero ∇L is linear in it.
    /// </summary>
    static Matrix<double> FiniteDifferenceHessianAtZero(DataStatistics data, Architecture arch) =>
        BruteForce.FiniteDifferenceHessian(data, arch, NetworkWeights.Zero(arch, data.Dimension));

    static double[] SymmetricEigenvalues(Matrix<double> m) => m.Evd(Symmetricity.Symmetric).EigenValues.Select(z => z.Real).ToArray();

    [Fact]
    public void Proposition2_zero_is_a_minimum_with_Hessian_2_gamma_for_D_at_least_2_and_Theorem1_a_saddle_above_threshold_for_D_1_by_finite_differences()
    {
        var random = new Random(3);
        var data = RandomProblems.Data(random, 4, 0.5);
        foreach (int depth in new[] { 2, 3, 5 })
        {
            var arch = RandomProblems.Architecture(random, depth);
            var eigenvalues = SymmetricEigenvalues(FiniteDifferenceHessianAtZero(data, arch)).Order().ToArray();
            // Proposition 2: the spectrum is 2γ_u (d_D times) and 2γ_k (d_k d_{k−1} times): the print's γI is half of it
            var expected = Enumerable.Repeat(2 * arch.OutputDecay, arch.Widths[^1])
                .Concat(Enumerable.Range(1, depth).SelectMany(k => Enumerable.Repeat(2 * arch.LayerDecays[k - 1], arch.Widths[k - 1] * (k == 1 ? data.Dimension : arch.Widths[k - 2]))))
                .Order().ToArray();
            Assert.Equal(expected.Length, eigenvalues.Length);
            for (int i = 0; i < expected.Length; i++)
                Tolerance.Close(expected[i], eigenvalues[i], 0, 1e-10, $"D={depth}: eigenvalue {i} of the Hessian at zero");
        }
        // D = 1: ‖E[xy]‖² = 0.25 against γ_uγ₁ just below and just above it; the smallest eigenvalue is 2(γ − ‖E[xy]‖) = ∓0.02
        foreach (var (gamma, indefinite) in new[] { (0.49, true), (0.51, false) })
        {
            var arch = new Architecture(1, [3], [0.3], gamma, [gamma]);
            double smallest = SymmetricEigenvalues(FiniteDifferenceHessianAtZero(data, arch)).Min();
            Tolerance.Close(2 * (gamma - 0.5), smallest, 0, 1e-10, $"γ = {gamma}: smallest Hessian eigenvalue");
            Assert.Equal(indefinite, smallest < 0);
        }
    }
}
