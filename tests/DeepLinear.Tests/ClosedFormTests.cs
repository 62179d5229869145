using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace DeepLinear.Tests;

/// <summary>
/// The paper's closed forms against routes that do not share their algebra: brute force over all weights
/// (<see cref="BruteForceReference"/>), the exact solver (itself checked against brute force in ExactSolverTests),
/// Monte Carlo over the network noise, and exact limits.
/// </summary>
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
    public void Theorem1_threshold_separates_trivial_from_nontrivial_for_the_solver_and_for_brute_force(double margin)
    {
        const double gu = 0.05, gw = 0.2;
        double critical = Math.Sqrt(gu * gw);
        var data = RandomProblems.Data(new Random(5), 4, 1);
        var arch = new Architecture(1, [3], [0.4], gu, [gw]);
        var belowData = data.WithSignal(critical * (1 - margin));
        var aboveData = data.WithSignal(critical * (1 + margin));
        var below = ExactSolver.Solve(belowData, arch);
        var above = ExactSolver.Solve(aboveData, arch);
        Assert.Equal(Regime.TrivialOnly, below.Regime);
        Assert.Equal(ZeroKind.GlobalMinimum, below.ZeroIs);
        Assert.Equal(Regime.NontrivialGlobal, above.Regime);
        Assert.Equal(ZeroKind.Saddle, above.ZeroIs);
        // At 1e-6 the gain E[y²] − L* is 7e-15, below L's round-off, and zero's negative curvature is below the
        // Hessian's finite-difference resolution: only the solver can tell that margin. At 1e-3 the gain is 7e-9.
        if (margin < 1e-3) return;
        Assert.All(BruteForceReference.Minima(belowData, arch, 8, 1), m => Assert.True(m.IsTrivial, $"a nontrivial minimum of loss {m.Loss} below the threshold"));
        var best = BruteForceReference.Minima(aboveData, arch, 8, 1)[0];
        Assert.False(best.IsTrivial);
        // both losses are converged to ~1e-18 (‖∇L‖²/λ); 1e-12·E[y²] is L's round-off with room
        Tolerance.Close(above.GlobalMinimumLoss, best.Loss, 1e-12, 0, "brute-force global minimum above the threshold");
    }

    [Fact]
    public void Theorem1_IsNontrivial_agrees_with_brute_force_on_random_decays_and_signals()
    {
        int nontrivial = 0, trivial = 0;
        for (int seed = 0; seed < 12; seed++)
        {
            var random = new Random(seed);
            double gu = Math.Exp(-4 + 3 * random.NextDouble()), gw = Math.Exp(-4 + 3 * random.NextDouble());
            // ‖E[xy]‖ within a factor e of √(γ_uγ_w) and at least 1% away from it, where the gain beats round-off
            double logRatio = (0.01 + 0.99 * random.NextDouble()) * (random.Next(2) * 2 - 1);
            double signal = Math.Sqrt(gu * gw) * Math.Exp(logRatio);
            var data = RandomProblems.Data(random, 3, signal);
            var arch = new Architecture(1, [random.Next(1, 4)], [random.NextDouble()], gu, [gw]);
            var regime = BruteForceReference.RegimeOf(BruteForceReference.Minima(data, arch, 8, seed), data.Eyy);
            bool expected = TwoLayer.IsNontrivial(signal, gu, gw);
            Assert.Equal(expected ? Regime.NontrivialGlobal : Regime.TrivialOnly, regime);
            if (expected) nontrivial++; else trivial++;
        }
        Assert.True(nontrivial >= 3 && trivial >= 3, $"both sides must be exercised: {nontrivial} nontrivial, {trivial} trivial");
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
            // b*² is a root found to 1e-13 in log τ; 1e-12 allows the logs' round-off
            Assert.InRange(b2, lower * (1 - 1e-12), upper * (1 + 1e-12));
        }
    }

    [Fact]
    public void Eq8_bounds_contain_the_brute_force_b2_and_pinch_to_it_for_whitened_data()
    {
        for (int seed = 0; seed < 6; seed++)
        {
            var random = new Random(seed);
            var data = RandomProblems.Data(random, 3, 0.5 + random.NextDouble(), spread: 100);
            double gu = 0.01 + 0.1 * random.NextDouble(), gw = 0.01 + 0.1 * random.NextDouble(), noise = random.NextDouble();
            int width = random.Next(1, 4);
            var best = BruteForceReference.Minima(data, new Architecture(1, [width], [noise], gu, [gw]), 6, seed)[0];
            double b2 = Math.Pow(BruteForceReference.TwoLayerScale(best.Weights), 2);
            var (lower, upper) = TwoLayer.ScaleSquaredBounds(data, width, noise, gu, gw);
            // the weights are within 1e-8 of the minimum and b² is of order 0.1-10, so 1e-7 relative covers b²'s error
            Assert.InRange(b2, lower * (1 - 1e-7), upper * (1 + 1e-7));

            var whitened = RandomProblems.Whitened(0.5 + random.NextDouble(), Direction(3, seed) * (0.5 + random.NextDouble()));
            var bruteWhitened = BruteForceReference.Minima(whitened, new Architecture(1, [width], [noise], gu, [gw]), 6, seed)[0];
            double b2Whitened = Math.Pow(BruteForceReference.TwoLayerScale(bruteWhitened.Weights), 2);
            var (lowerWhitened, upperWhitened) = TwoLayer.ScaleSquaredBounds(whitened, width, noise, gu, gw);
            Tolerance.Close(b2Whitened, lowerWhitened, 1e-7, 0, $"seed {seed}: Eq. 8 lower bound at a_min = a_max vs brute force");
            Tolerance.Close(b2Whitened, upperWhitened, 1e-7, 0, $"seed {seed}: Eq. 8 upper bound at a_min = a_max vs brute force");
        }
    }

    [Theory]
    [InlineData(1.0, 0.3, 4, 0.5, 0.05, 0.1)]
    [InlineData(2.5, 0.9, 1, 0.0, 0.2, 0.01)]
    [InlineData(0.3, 2.0, 7, 3.0, 0.01, 0.02)]
    public void SectionC_closed_form_for_whitened_data_is_the_brute_force_minimum(double sx2, double signal, int width, double noise, double gu, double gw)
    {
        var data = RandomProblems.Whitened(sx2, Direction(3, width) * signal);
        var arch = new Architecture(1, [width], [noise], gu, [gw]);
        var best = BruteForceReference.Minima(data, arch, 6, 3)[0];
        // weights within 1e-8 of the minimum, b² and ‖v‖ of order 0.1-10: 1e-7 relative covers their error
        Tolerance.Close(TwoLayer.WhitenedScaleSquared(sx2, signal, width, noise, gu, gw), Math.Pow(BruteForceReference.TwoLayerScale(best.Weights), 2), 1e-7, 0, "b*² (Eq. 105) vs brute force");
        for (int j = 0; j < width; j++)
        {
            var row = best.Weights.W[0].Row(j);
            Tolerance.Close(TwoLayer.WhitenedRowNorm(sx2, signal, width, noise, gu, gw), row.L2Norm(), 1e-7, 0, $"‖W{j}:‖ (Eq. 106) vs brute force");
            Tolerance.Close(1, Math.Abs(row.DotProduct(data.Exy)) / (row.L2Norm() * signal), 0, 1e-7, $"W{j}: parallel to E[xy]");
        }
        var exact = ExactSolver.Solve(data, arch);
        // the solver's root is exact to 1e-13 in log τ: 1e-10 leaves the logs' round-off
        Tolerance.Close(TwoLayer.WhitenedScaleSquared(sx2, signal, width, noise, gu, gw), Math.Pow(exact.GlobalMinimum!.Scale, 2), 1e-10, 0, "b*² (Eq. 105) vs the exact solver");
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
                var data = RandomProblems.Whitened(sx2, Direction(3, depth) * (critical * factor));
                Assert.Equal(exists, ExactSolver.Solve(data, Architecture.Uniform(depth, width, noise, gamma)).Solutions.Count > 0);
            }
        }
    }

    [Fact]
    public void Eq16_bounds_contain_every_stationary_point_of_the_solver_and_every_brute_force_minimum()
    {
        int checkedPoints = 0;
        for (int seed = 0; seed < 100; seed++)
        {
            var random = new Random(seed);
            int depth = random.Next(2, 6), width = random.Next(1, 5);
            double noise = random.NextDouble(), gamma = Math.Exp(-5 + 2 * random.NextDouble());
            var data = RandomProblems.Data(random, 4, Math.Exp(3 * random.NextDouble()), spread: 50);
            var exact = ExactSolver.Solve(data, Architecture.Uniform(depth, width, noise, gamma));
            var (lower, upper) = UniformNetwork.ScaleBounds(depth, width, noise, gamma, data.SignalNorm, data.AMin);
            foreach (var s in exact.Solutions)
            {
                // roots exact to 1e-13 in log τ, and b = (B/√d₀)^{1/D}: 1e-10 covers the logs' round-off
                Assert.InRange(UniformNetwork.PaperScale(s.Scale, depth, width), lower * (1 - 1e-10), upper * (1 + 1e-10));
                checkedPoints++;
            }
        }
        Assert.True(checkedPoints >= 100, $"only {checkedPoints} stationary points were checked against Eq. 16");

        int bruteChecked = 0;
        for (int seed = 0; seed < 6; seed++)
        {
            var random = new Random(seed);
            int depth = 2 + seed % 2, width = random.Next(1, 4);
            double noise = random.NextDouble(), gamma = Math.Exp(-5 + 2 * random.NextDouble());
            var data = RandomProblems.Data(random, 3, Math.Exp(2 * random.NextDouble()), spread: 50);
            var (lower, upper) = UniformNetwork.ScaleBounds(depth, width, noise, gamma, data.SignalNorm, data.AMin);
            foreach (var m in BruteForceReference.Minima(data, Architecture.Uniform(depth, width, noise, gamma), 12, seed).Where(m => !m.IsTrivial))
            {
                // weights within 1e-8 of the minimum, b of order 0.1-10: 1e-7 relative covers b's error
                Assert.InRange(BruteForceReference.PaperScale(m.Weights), lower * (1 - 1e-7), upper * (1 + 1e-7));
                bruteChecked++;
            }
        }
        Assert.True(bruteChecked >= 6, $"only {bruteChecked} nontrivial brute-force minima were checked against Eq. 16");
    }

    [Fact]
    public void Eq16_bounds_are_attained_for_whitened_data_the_upper_by_the_minimum_and_the_lower_by_the_maximum_as_the_signal_grows()
    {
        const int width = 3; const double noise = 0.5, gamma = 0.05, a = 1.3;
        foreach (int depth in new[] { 2, 3, 5 })
        {
            var data = RandomProblems.Whitened(a, Direction(3, depth) * 1000);
            var arch = Architecture.Uniform(depth, width, noise, gamma);
            var (lower, upper) = UniformNetwork.ScaleBounds(depth, width, noise, gamma, data.SignalNorm, a);
            var exact = ExactSolver.Solve(data, arch);
            var maximum = exact.Solutions.Single(s => s.Kind == StationaryKind.LocalMaximum);
            var minimum = exact.Solutions.Single(s => s.Kind == StationaryKind.LocalMinimum);
            // Eq. 13 for A0 = aI leaves the bounds' slack explicit: b*/upper = (1 + γd₀/(aτ*))^{−1/(D+1)} and
            // b*/lower = (1 + aτ*/(γd₀))^{1/(D−1)}, so both tend to 1 (at this signal both factors are within 1e-5 of it)
            double g = gamma * width;
            Tolerance.Close(Math.Pow(1 + g / (a * minimum.Tau), -1.0 / (depth + 1)), UniformNetwork.PaperScale(minimum.Scale, depth, width) / upper, 1e-10, 0, $"D={depth}: b*/upper at the minimum");
            Tolerance.Close(Math.Pow(1 + a * maximum.Tau / g, 1.0 / (depth - 1)), UniformNetwork.PaperScale(maximum.Scale, depth, width) / lower, 1e-10, 0, $"D={depth}: b*/lower at the maximum");
            Tolerance.Close(1, UniformNetwork.PaperScale(maximum.Scale, depth, width) / lower, 1e-5, 0, $"D={depth}: the local maximum sits on the lower bound");

            if (depth == 5) continue;
            var best = BruteForceReference.Minima(data, arch, 8, depth)[0];
            // the brute-force minimum, knowing nothing of Eq. 13, sits on the upper bound to within the same 1e-5
            Tolerance.Close(1, BruteForceReference.PaperScale(best.Weights) / upper, 1e-5, 0, $"D={depth}: brute-force b*/upper");
        }
    }

    [Fact]
    public void Eq16_upper_bound_needs_a_min_brute_force_exceeds_the_printed_a_max_bound_four_times_over()
    {
        // signal on the small eigenvalue only; E[y²] = E[xy]ᵀA0⁻¹E[xy] + 1 = 0.5²/0.1 + 1, the statistics of y = 5x₂ + noise
        var a0 = Matrix<double>.Build.DenseOfDiagonalArray([10.0, 0.1]);
        var skewed = new DataStatistics(a0, Vector<double>.Build.DenseOfArray([0.0, 0.5]), 3.5);
        var arch = Architecture.Uniform(2, 2, 0.5, 0.01);
        double b = BruteForceReference.PaperScale(BruteForceReference.Minima(skewed, arch, 12, 1)[0].Weights);
        double withAMin = UniformNetwork.ScaleBounds(2, 2, 0.5, 0.01, 0.5, skewed.AMin).Upper;
        double printed = UniformNetwork.ScaleBounds(2, 2, 0.5, 0.01, 0.5, skewed.AMax).Upper;
        Assert.True(b <= withAMin, $"b* = {b} must respect the a_min bound {withAMin}");
        // measured 4.6×: the printed bound is (a_max/a_min)^{1/(D+1)} = 100^{1/3} = 4.64 times too small here
        Assert.True(b > 4 * printed, $"b* = {b} should exceed the printed a_max bound {printed} about 4.6 times");
    }

    [Fact]
    public void Theorem3_is_sufficient_in_general_and_exact_for_whitened_data_by_the_solver_and_by_brute_force()
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
            var arch = Architecture.Uniform(depth, width, noise, gamma);
            double critical = Math.Sqrt(UniformNetwork.NontrivialGlobalSignalSquared(depth, width, noise, gamma, sx2));
            foreach (var (factor, regime) in new[] { (1 - 1e-6, Regime.TrivialGlobal), (1 + 1e-6, Regime.NontrivialGlobal) })
                Assert.Equal(regime, ExactSolver.Solve(RandomProblems.Whitened(sx2, Direction(2, depth) * (critical * factor)), arch).Regime);
            // 0.1% either side the nontrivial minimum is 3e-5 to 2e-4 above or below E[y²]: far beyond L's round-off
            foreach (var (factor, regime) in new[] { (1 - 1e-3, Regime.TrivialGlobal), (1 + 1e-3, Regime.NontrivialGlobal) })
            {
                var data = RandomProblems.Whitened(sx2, Direction(2, depth) * (critical * factor));
                Assert.Equal(regime, BruteForceReference.RegimeOf(BruteForceReference.Minima(data, arch, 16, depth), data.Eyy));
            }
        }
        // Eq. 19: D → 1 recovers Theorem 1's ‖E[xy]‖² ≥ γ²
        Tolerance.Close(0.3 * 0.3, UniformNetwork.NontrivialGlobalSignalSquared(1, 5, 0.7, 0.3, 2.0), 1e-14, 0, "Eq. 18 at D = 1");
    }

    [Fact]
    public void Eq20_with_the_corrected_prefactor_is_the_large_depth_limit_of_the_exact_existence_threshold()
    {
        const int width = 8; const double noise = 0.5, gamma = 0.01, aMax = 1.5;
        var data = RandomProblems.Whitened(aMax, Direction(3, 20));
        foreach (int depth in new[] { 250, 1000, 4000 })
        {
            // the exact threshold: bisection on the exact landscape (brute-force-checked) for A0 = a_max I
            double exact = 2 * Math.Log(RegimeDiagram.CriticalSignals(data, Architecture.Uniform(depth, width, noise, gamma)).Existence);
            double eq20 = UniformNetwork.LogLargeDepthSignalSquared(depth, width, noise, gamma, aMax);
            // expanding Eq. 15 in 1/D: exact − Eq. 20 = log(γ/a_max)/D + O(1/D²), so D·(exact − Eq. 20) → log(γ/a_max);
            // the printed prefactor 4d₀²a_maxγ would leave a constant gap log(d₀(σ²+d₀)) = 4.2 instead
            Tolerance.Close(Math.Log(gamma / aMax), depth * (exact - eq20), 0, 2.0 / depth, $"D={depth}: D·(log s*² − Eq. 20)");
        }
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
        var (variance, standardError) = MonteCarloVariance(random, weights, x);
        // 5 standard errors of the sample variance: a false alarm has probability below 1e-6
        Tolerance.Close(predicted, variance, 0, 5 * standardError, "Var[f(x)] over sampled noise, ± 5 SE");
        // the second-moment recursion (OfWeights) shares no algebra with the closed form τ(1 − ρ)(w·x)²
        Tolerance.Close(predicted, PredictionVariance.OfWeights(arch, weights, x), 1e-10, 0, "the closed form vs the second-moment recursion at the solution");
        var other = RandomProblems.Weights(random, arch, 3, 0.5);
        var (otherVariance, otherError) = MonteCarloVariance(random, other, x);
        Tolerance.Close(PredictionVariance.OfWeights(arch, other, x), otherVariance, 0, 5 * otherError, "Var[f(x)] of random weights over sampled noise, ± 5 SE");
    }

    /// <summary>
    /// Sample variance of f(x) over 400k draws of Gamma noise with variances 0.6 and 0.3 on the two hidden layers, and its
    /// standard error √((m₄ − m₂²)/n) from the sample's second and fourth central moments.
    /// </summary>
    static (double Variance, double StandardError) MonteCarloVariance(Random random, NetworkWeights weights, Vector<double> x)
    {
        const int n = 400_000;
        var f = new double[n];
        for (int s = 0; s < n; s++)
        {
            var h = weights.W[0] * x;
            for (int j = 0; j < h.Count; j++) h[j] *= Gamma(random, 0.6);
            h = weights.W[1] * h;
            for (int j = 0; j < h.Count; j++) h[j] *= Gamma(random, 0.3);
            f[s] = weights.U.DotProduct(h);
        }
        double mean = f.Average();
        double m2 = f.Average(v => (v - mean) * (v - mean)), m4 = f.Average(v => Math.Pow(v - mean, 4));
        return (m2, Math.Sqrt((m4 - m2 * m2) / n));
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
    public void Theorem4_Eq100_with_d0_to_the_D_plus_2_and_Eq101_with_sigma_x_to_the_4_hold_at_the_brute_force_minimum(int depth, int width, double noise, double sx2)
    {
        var x = Vector<double>.Build.DenseOfArray([0.4, -1.2, 0.9]);
        var data = RandomProblems.Whitened(sx2, Direction(3, depth) * 5);
        var arch = Architecture.Uniform(depth, width, noise, 0.02);
        var best = BruteForceReference.Minima(data, arch, 8, depth)[0];
        // Var[f(x)] of the brute-force weights by the second-moment recursion: no closed form involved
        double variance = PredictionVariance.OfWeights(arch, best.Weights, x);
        double b = BruteForceReference.PaperScale(best.Weights), cx = data.Exy.DotProduct(x), c2 = data.Exy.DotProduct(data.Exy);
        double eq100 = Math.Pow(width, depth + 2) * (Math.Pow(noise + width, depth) - Math.Pow(width, depth)) * Math.Pow(b, 2 * depth + 2) * cx * cx / c2;
        // weights within 1e-8 of the minimum, b of order one: Var and b^{2D+2} move by (2D+2)·1e-8 at most, 1e-6 covers D ≤ 3
        Tolerance.Close(variance, eq100, 1e-6, 0, "Eq. 100 with d₀^{D+2} at the brute-force b");
        Tolerance.Close(variance, PredictionVariance.AtGlobalMinimum(ExactSolver.Solve(data, arch), x), 1e-6, 0, "Theorem 4's closed form vs brute force");
        double bound = PredictionVariance.UniformWhitenedBound(depth, width, noise, sx2, cx);
        Assert.True(variance <= bound * (1 + 1e-6), $"Var {variance} exceeds the σx⁴ bound {bound}");
        // the appendix's σx² in place of σx⁴ is a bound σx² times smaller, which the variance breaks when σx² < 1
        if (sx2 < 1) Assert.True(variance > bound * sx2, $"with σx² = {sx2} the printed σx² bound {bound * sx2} should fail for Var {variance}");
    }

    [Fact]
    public void Theorem4_bound_is_attained_as_the_signal_grows()
    {
        var x = Vector<double>.Build.DenseOfArray([0.4, -1.2, 0.9]);
        foreach (int depth in new[] { 1, 2, 3 })
        {
            const int width = 3; const double noise = 0.5, sx2 = 0.25;
            var data = RandomProblems.Whitened(sx2, Direction(3, depth) * 1e4);
            var arch = Architecture.Uniform(depth, width, noise, 0.02);
            var exact = ExactSolver.Solve(data, arch);
            // the bound applies Eq. 16's upper bound, whose slack vanishes like γd₀/(aτ*) (measured 1 − 4e-6 at D = 1 here)
            double ratio = PredictionVariance.OfWeights(arch, exact.GlobalMinimumWeights(), x) / PredictionVariance.UniformWhitenedBound(depth, width, noise, sx2, data.Exy.DotProduct(x));
            Assert.InRange(ratio, 1 - 1e-5, 1 + 1e-12);
        }
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
                var data = RandomProblems.Whitened(sx2, direction * 3);
                var exact = ExactSolver.Solve(data, Architecture.Uniform(depth, 4, noise, 0.01));
                double bound = PredictionVariance.UniformWhitenedBound(depth, 4, noise, sx2, data.Exy.DotProduct(x));
                Assert.InRange(PredictionVariance.AtGlobalMinimum(exact, x), 1e-300, bound);
            }

        double Variance(int depth, int width, double noise, double signal) =>
            PredictionVariance.AtGlobalMinimum(ExactSolver.Solve(RandomProblems.Whitened(sx2, direction * signal), Architecture.Uniform(depth, width, noise, 0.01)), x);
        foreach (int depth in new[] { 1, 2, 3 })
        {
            // the slopes between d₀ = 1e4 and 1e5 carry the next order, O(Dσ²/d₀), measured 4e-5 to 1e-4: allow 1e-3
            double widthSlope = Math.Log(Variance(depth, 100_000, 0.5, 3) / Variance(depth, 10_000, 0.5, 3)) / Math.Log(10);
            Tolerance.Close(-1, widthSlope, 0, 1e-3, $"D={depth}: d log Var / d log d₀");
            // between σ² = 1e3 and 1e4 the next order is O(Dd₀/σ²), measured 1.6e-3 to 2.3e-3: allow 1e-2
            double noiseSlope = Math.Log(Variance(depth, 2, 1e4, 1e9) / Variance(depth, 2, 1e3, 1e9)) / Math.Log(10);
            Tolerance.Close(-depth, noiseSlope, 0, 1e-2, $"D={depth}: d log Var / d log σ²");
        }
    }
}
