using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace DeepLinear.Tests;

/// <summary>The paper's closed forms against the exact landscape (itself checked against brute force) and against brute force directly.</summary>
public class ClosedFormTests
{
    static Vector<double> Direction(int d, int seed)
    {
        var random = new Random(seed);
        var v = Vector<double>.Build.Dense(d, _ => RandomProblems.Gaussian(random));
        return v / v.L2Norm();
    }

    [Theory]
    [InlineData(1e-6)]
    [InlineData(1e-3)]
    [InlineData(0.1)]
    public void Theorem1_threshold_separates_trivial_from_nontrivial_from_both_sides(double margin)
    {
        const double gu = 0.05, gw = 0.2;
        double critical = TwoLayer.CriticalSignal(gu, gw);
        var data = RandomProblems.Data(new Random(5), 4, 1);
        var arch = new Architecture(1, [3], [0.4], gu, [gw]);
        var below = ExactSolver.Solve(data.WithSignal(critical * (1 - margin)), arch);
        var above = ExactSolver.Solve(data.WithSignal(critical * (1 + margin)), arch);
        Assert.Equal(Regime.TrivialOnly, below.Regime);
        Assert.Equal(ZeroKind.GlobalMinimum, below.ZeroIs);
        Assert.Equal(Regime.NontrivialGlobal, above.Regime);
        Assert.Equal(ZeroKind.Saddle, above.ZeroIs);
        Assert.False(TwoLayer.IsNontrivial(critical * (1 - margin), gu, gw));
        Assert.True(TwoLayer.IsNontrivial(critical * (1 + margin), gu, gw));
        if (margin >= 0.1)
        {
            Assert.True(BruteForce.Minimise(data.WithSignal(critical * (1 - margin)), arch, 8, 1).All(f => f.IsTrivial));
            Assert.Contains(BruteForce.Minimise(data.WithSignal(critical * (1 + margin)), arch, 8, 1), f => !f.IsTrivial && f.Loss < data.Eyy);
        }
    }

    [Fact]
    public void Eq8_bounds_contain_the_exact_scale()
    {
        for (int seed = 0; seed < 30; seed++)
        {
            var random = new Random(seed);
            var data = RandomProblems.Data(random, 5, 0.5 + random.NextDouble(), spread: 100);
            double gu = 0.01 + 0.1 * random.NextDouble(), gw = 0.01 + 0.1 * random.NextDouble(), noise = random.NextDouble();
            int width = random.Next(1, 6);
            var exact = ExactSolver.Solve(data, new Architecture(1, [width], [noise], gu, [gw]));
            var (lower, upper) = TwoLayer.ScaleSquaredBounds(data, width, noise, gu, gw);
            double b2 = exact.GlobalMinimum!.Scale * exact.GlobalMinimum.Scale;
            Assert.InRange(b2, lower * (1 - 1e-12), upper * (1 + 1e-12));
        }
    }

    [Theory]
    [InlineData(1.0, 0.3, 4, 0.5, 0.05, 0.1)]
    [InlineData(2.5, 0.9, 1, 0.0, 0.2, 0.01)]
    [InlineData(0.3, 2.0, 7, 3.0, 0.01, 0.02)]
    public void SectionC_closed_form_for_whitened_data_is_the_exact_solution(double sx2, double signal, int width, double noise, double gu, double gw)
    {
        var data = DataStatistics.Isotropic(sx2, Direction(3, width) * signal, 1 + signal * signal);
        var arch = new Architecture(1, [width], [noise], gu, [gw]);
        var exact = ExactSolver.Solve(data, arch);
        double b2 = exact.GlobalMinimum!.Scale * exact.GlobalMinimum.Scale;
        Tolerance.Close(TwoLayer.WhitenedScaleSquared(sx2, signal, width, noise, gu, gw), b2, 1e-10, 0, "b*² (Eq. 105)");
        var row = exact.GlobalMinimumWeights().W[0].Row(0);
        Tolerance.Close(TwoLayer.WhitenedRowNorm(sx2, signal, width, noise, gu, gw), row.L2Norm(), 1e-10, 0, "‖v‖ (Eq. 106)");
        Tolerance.Close(1, Math.Abs(row.DotProduct(data.Exy)) / (row.L2Norm() * signal), 1e-12, 0, "v parallel to E[xy]");
        var brute = BruteForce.Minimise(data, arch, 6, 3)[0];
        Tolerance.Close(brute.Loss, ExpectedLoss.Value(data, arch, exact.GlobalMinimumWeights()), 1e-9, 0, "loss of the Section C weights vs brute force");
    }

    [Fact]
    public void Proposition3_conditions_are_sufficient_and_exact_for_whitened_data()
    {
        int checkedTrivial = 0, checkedExist = 0;
        for (int seed = 0; seed < 200; seed++)
        {
            var random = new Random(seed);
            int depth = random.Next(2, 6), width = random.Next(1, 5);
            double noise = random.NextDouble(), gamma = Math.Exp(-4 + 3 * random.NextDouble());
            var data = RandomProblems.Data(random, 4, Math.Exp(-3 + 4 * random.NextDouble()), spread: 20);
            var exact = ExactSolver.Solve(data, Architecture.Uniform(depth, width, noise, gamma));
            if (UniformNetwork.OnlyTrivial(depth, width, noise, gamma, data.SignalNorm, data.AMin)) { Assert.Empty(exact.Solutions); checkedTrivial++; }
            if (UniformNetwork.SolutionsExist(depth, width, noise, gamma, data.SignalNorm, data.AMax)) { Assert.NotEmpty(exact.Solutions); checkedExist++; }
        }
        Assert.True(checkedTrivial > 20 && checkedExist > 20, $"too few cases exercised: {checkedTrivial} trivial, {checkedExist} existing");

        // whitened data: Eq. 14 and Eq. 15 coincide and are the exact existence boundary
        foreach (int depth in new[] { 2, 3, 5 })
        {
            const int width = 3; const double noise = 0.5, gamma = 0.05, sx2 = 1.3;
            double critical = Math.Exp(0.5 * UniformNetwork.LogExistenceSignalSquared(depth, width, noise, gamma, sx2));
            Tolerance.Close(gamma, UniformNetwork.ExistenceDecay(depth, width, noise, critical, sx2), 1e-10, 0, "Eq. 15 at its own threshold");
            foreach (var (factor, exists) in new[] { (1 - 1e-6, false), (1 + 1e-6, true) })
            {
                var data = DataStatistics.Isotropic(sx2, Direction(3, depth) * (critical * factor), 1);
                Assert.Equal(exists, ExactSolver.Solve(data, Architecture.Uniform(depth, width, noise, gamma)).Solutions.Count > 0);
            }
        }
    }

    [Fact]
    public void Eq16_bounds_hold_with_a_min_and_the_printed_a_max_upper_bound_fails()
    {
        for (int seed = 0; seed < 100; seed++)
        {
            var random = new Random(seed);
            int depth = random.Next(2, 6), width = random.Next(1, 5);
            double noise = random.NextDouble(), gamma = Math.Exp(-5 + 2 * random.NextDouble());
            var data = RandomProblems.Data(random, 4, Math.Exp(3 * random.NextDouble()), spread: 50);
            var exact = ExactSolver.Solve(data, Architecture.Uniform(depth, width, noise, gamma));
            var (lower, upper) = UniformNetwork.ScaleBounds(depth, width, noise, gamma, data.SignalNorm, data.AMin);
            foreach (var s in exact.Solutions)
                Assert.InRange(UniformNetwork.PaperScale(s.Scale, depth, width), lower * (1 - 1e-10), upper * (1 + 1e-10));
        }
        // signal on the small eigenvalue only: b* exceeds the bound the paper prints (with a_max)
        var a0 = Matrix<double>.Build.DenseOfDiagonalArray([0.01, 10.0]);
        var skewed = new DataStatistics(a0, Vector<double>.Build.DenseOfArray([2.0, 0.0]), 5);
        var solved = ExactSolver.Solve(skewed, Architecture.Uniform(2, 2, 0.5, 0.01));
        double b = UniformNetwork.PaperScale(solved.GlobalMinimum!.Scale, 2, 2);
        double printedUpper = UniformNetwork.ScaleBounds(2, 2, 0.5, 0.01, 2.0, aMin: 10.0).Upper;
        Assert.True(b > printedUpper, $"b* = {b} should exceed the printed bound {printedUpper}");
    }

    [Fact]
    public void Theorem3_is_sufficient_in_general_and_exact_for_whitened_data()
    {
        int exercised = 0;
        for (int seed = 0; seed < 200; seed++)
        {
            var random = new Random(seed);
            int depth = random.Next(2, 6), width = random.Next(1, 5);
            double noise = random.NextDouble(), gamma = Math.Exp(-4 + 3 * random.NextDouble());
            var data = RandomProblems.Data(random, 4, Math.Exp(-2 + 4 * random.NextDouble()), spread: 20);
            if (data.SignalNorm * data.SignalNorm < UniformNetwork.NontrivialGlobalSignalSquared(depth, width, noise, gamma, data.AMax)) continue;
            exercised++;
            Assert.Equal(Regime.NontrivialGlobal, ExactSolver.Solve(data, Architecture.Uniform(depth, width, noise, gamma)).Regime);
        }
        Assert.True(exercised > 20, $"only {exercised} cases satisfied Eq. 18");

        foreach (int depth in new[] { 2, 3, 4 })
        {
            const int width = 2; const double noise = 0.3, gamma = 0.04, sx2 = 0.8;
            double critical = Math.Sqrt(UniformNetwork.NontrivialGlobalSignalSquared(depth, width, noise, gamma, sx2));
            foreach (var (factor, regime) in new[] { (1 - 1e-6, Regime.TrivialGlobal), (1 + 1e-6, Regime.NontrivialGlobal) })
            {
                var data = DataStatistics.Isotropic(sx2, Direction(2, depth) * (critical * factor), 1);
                Assert.Equal(regime, ExactSolver.Solve(data, Architecture.Uniform(depth, width, noise, gamma)).Regime);
            }
        }
        // Eq. 19: D → 1 recovers Theorem 1's ‖E[xy]‖² ≥ γ²
        Tolerance.Close(0.3 * 0.3, UniformNetwork.NontrivialGlobalSignalSquared(1, 5, 0.7, 0.3, 2.0), 1e-14, 0, "Eq. 18 at D = 1");
    }

    [Fact]
    public void Eq20_is_the_large_depth_limit_of_Eq15_with_the_corrected_prefactor()
    {
        const int width = 8; const double noise = 0.5, gamma = 0.01, aMax = 1.5;
        double Ratio(int depth) => Math.Exp(UniformNetwork.LogLargeDepthSignalSquared(depth, width, noise, gamma, aMax)
                                          - UniformNetwork.LogExistenceSignalSquared(depth, width, noise, gamma, aMax));
        Assert.True(Math.Abs(Ratio(4000) - 1) < Math.Abs(Ratio(400) - 1), "the ratio must approach 1 as D grows");
        Tolerance.Close(1, Ratio(4000), 0.01, 0, "Eq. 20 / Eq. 15 threshold at D = 4000");
        double printedPrefactor = 4 * width * width * aMax * gamma, correctedPrefactor = 4 * aMax * gamma * width / (width + noise);
        Assert.True(printedPrefactor / correctedPrefactor > 60, "the printed prefactor 4d₀²a_maxγ is off by a factor d₀(σ²+d₀)");
    }

    [Fact]
    public void Theorem4_variance_matches_Monte_Carlo_over_the_network_noise()
    {
        var random = new Random(11);
        var data = RandomProblems.Data(random, 3, 1.5);
        var arch = new Architecture(2, [3, 2], [0.6, 0.3], 0.02, [0.03, 0.05]);
        var exact = ExactSolver.Solve(data, arch);
        var weights = exact.GlobalMinimumWeights();
        var x = Vector<double>.Build.DenseOfArray([0.7, -1.1, 0.4]);
        double predicted = PredictionVariance.AtGlobalMinimum(exact, x);
        // the sample variance of 400k draws has relative standard error about sqrt(2/n)·(kurtosis factor) ≈ 0.5%; allow 4%
        Tolerance.Close(predicted, MonteCarloVariance(random, weights, x), 0.04, 0, "Var[f(x)] over sampled noise");
        Tolerance.Close(predicted, PredictionVariance.OfWeights(arch, weights, x), 1e-10, 0, "the general-weights formula at the solution");
        var other = RandomProblems.Weights(random, arch, 3, 0.5);
        Tolerance.Close(PredictionVariance.OfWeights(arch, other, x), MonteCarloVariance(random, other, x), 0.04, 0, "Var[f(x)] of random weights over sampled noise");
    }

    /// <summary>Sample variance of f(x) over 400k draws of Gamma noise with variances 0.6 and 0.3 on the two hidden layers.</summary>
    static double MonteCarloVariance(Random random, NetworkWeights weights, Vector<double> x)
    {
        const int n = 400_000;
        double sum = 0, sumSquares = 0;
        for (int s = 0; s < n; s++)
        {
            var h = weights.W[0] * x;
            for (int j = 0; j < h.Count; j++) h[j] *= Gamma(random, 0.6);
            h = weights.W[1] * h;
            for (int j = 0; j < h.Count; j++) h[j] *= Gamma(random, 0.3);
            double f = weights.U.DotProduct(h);
            sum += f; sumSquares += f * f;
        }
        return sumSquares / n - Math.Pow(sum / n, 2);
    }

    /// <summary>Gamma noise with mean 1 and variance σ² ≤ 1 (shape 1/σ², Marsaglia–Tsang): a non-Bernoulli check that only the first two moments matter.</summary>
    static double Gamma(Random random, double variance)
    {
        if (variance > 1) throw new ArgumentOutOfRangeException(nameof(variance), "this sampler needs shape 1/σ² >= 1");
        double d = 1 / variance - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double z = RandomProblems.Gaussian(random), v = Math.Pow(1 + c * z, 3);
            if (v > 0 && Math.Log(1 - random.NextDouble()) < 0.5 * z * z + d - d * v + d * Math.Log(v)) return d * v * variance;
        }
    }

    [Theory]
    [InlineData(1, 3, 0.5, 0.25)]
    [InlineData(2, 4, 1.0, 4.0)]
    [InlineData(3, 2, 0.3, 2.5)]
    public void Theorem4_Eq100_with_d0_to_the_D_plus_2_and_Eq101_with_sigma_x_to_the_4(int depth, int width, double noise, double sx2)
    {
        var direction = Direction(3, depth);
        var x = Vector<double>.Build.DenseOfArray([0.4, -1.2, 0.9]);
        var data = DataStatistics.Isotropic(sx2, direction * 5, 30);
        var exact = ExactSolver.Solve(data, Architecture.Uniform(depth, width, noise, 0.02));
        double variance = PredictionVariance.AtGlobalMinimum(exact, x);
        double b = UniformNetwork.PaperScale(exact.GlobalMinimum!.Scale, depth, width), cx = data.Exy.DotProduct(x), c2 = data.Exy.DotProduct(data.Exy);
        double eq100 = Math.Pow(width, depth + 2) * (Math.Pow(noise + width, depth) - Math.Pow(width, depth)) * Math.Pow(b, 2 * depth + 2) * cx * cx / c2;
        Tolerance.Close(variance, eq100, 1e-9, 0, "Eq. 100 with d₀^{D+2}");
        double printed = eq100 * Math.Pow(width, 2 * depth - 2);
        if (depth > 1) Assert.True(Math.Abs(printed / variance - 1) > 0.5, "the printed d₀^{3D} would not match");
        double bound = PredictionVariance.UniformWhitenedBound(depth, width, noise, sx2, cx);
        Assert.True(variance <= bound, $"Var {variance} exceeds the σx⁴ bound {bound}");
        double printedBound = bound * sx2;
        if (sx2 < 1) Assert.True(variance > printedBound, $"with σx² = {sx2} the printed σx² bound {printedBound} should fail for Var {variance}");
    }

    [Fact]
    public void Theorem4_bound_holds_and_variance_scales_as_one_over_width_and_sigma_to_the_minus_2D()
    {
        const double sx2 = 1.0;
        var direction = Direction(3, 1);
        var x = Vector<double>.Build.DenseOfArray([0.3, 1.0, -0.5]);
        foreach (int depth in new[] { 1, 2, 3 })
            foreach (double noise in new[] { 0.1, 1.0 })
            {
                var data = DataStatistics.Isotropic(sx2, direction * 3, 10);
                var exact = ExactSolver.Solve(data, Architecture.Uniform(depth, 4, noise, 0.01));
                double bound = PredictionVariance.UniformWhitenedBound(depth, 4, noise, sx2, data.Exy.DotProduct(x));
                Assert.InRange(PredictionVariance.AtGlobalMinimum(exact, x), 1e-300, bound);
            }

        double Variance(int depth, int width, double noise, double signal) =>
            PredictionVariance.AtGlobalMinimum(ExactSolver.Solve(DataStatistics.Isotropic(sx2, direction * signal, 1), Architecture.Uniform(depth, width, noise, 0.01)), x);
        foreach (int depth in new[] { 1, 2, 3 })
        {
            double widthSlope = Math.Log(Variance(depth, 100_000, 0.5, 3) / Variance(depth, 10_000, 0.5, 3)) / Math.Log(10);
            Tolerance.Close(-1, widthSlope, 0, 0.02, $"D={depth}: d log Var / d log d₀");
            double noiseSlope = Math.Log(Variance(depth, 2, 1e4, 1e9) / Variance(depth, 2, 1e3, 1e9)) / Math.Log(10);
            Tolerance.Close(-depth, noiseSlope, 0, 0.05, $"D={depth}: d log Var / d log σ²");
        }
    }
}
