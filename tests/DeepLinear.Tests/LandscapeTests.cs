using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace DeepLinear.Tests;

public class LandscapeTests
{
    /// <summary>
    /// Local minima of L(τ) − E[y²] = −Improvement(τ) on a dense log grid: an independent count of the minima
    /// (E[y²] is left out so that its round-off cannot create spurious dips).
    /// </summary>
    static List<double> GridMinima(Landscape landscape, double logLow, double logHigh, int points)
    {
        var minima = new List<double>();
        double Value(int i)
        {
            double tau = Math.Exp(logLow + (logHigh - logLow) * i / points);
            return -landscape.Improvement(tau);
        }
        for (int i = 1; i < points; i++)
            if (Value(i) < Value(i - 1) && Value(i) < Value(i + 1)) minima.Add(Math.Exp(logLow + (logHigh - logLow) * i / points));
        return minima;
    }

    [Fact]
    public void Stationary_points_match_a_dense_grid_scan_even_with_several_nontrivial_minima()
    {
        int severalMinima = 0;
        for (int seed = 0; seed < 60; seed++)
        {
            var random = new Random(seed);
            int depth = random.Next(2, 5);
            // widely spread spectrum with signal on both ends: the landscape can have two nontrivial wells
            var a = Matrix<double>.Build.DenseOfDiagonalArray([1e-4 * (1 + random.NextDouble()), 1.0, 1e4 * (1 + random.NextDouble())]);
            var c = Vector<double>.Build.DenseOfArray([Math.Exp(3 * random.NextGaussian()), 0.1 * random.NextDouble(), Math.Exp(3 * random.NextGaussian()) * 30]);
            var data = new DataStatistics(a, c, 1 + c.DotProduct(a.Solve(c)));
            var arch = Architecture.Uniform(depth, 2, 0.3, Math.Exp(-3 + 4 * random.NextDouble()));
            var landscape = new Landscape(data, arch);
            var found = landscape.StationaryPoints().Where(p => p.Kind == StationaryKind.LocalMinimum).Select(p => Math.Exp(p.LogTau)).ToList();
            var grid = GridMinima(landscape, -60, 60, 24000);
            Assert.Equal(grid.Count, found.Count);
            for (int i = 0; i < grid.Count; i++)
                Tolerance.Close(Math.Log(grid[i]), Math.Log(found[i]), 0, 120.0 / 24000 * 1.01, $"seed {seed}: log τ of minimum {i}");
            if (found.Count >= 2) severalMinima++;
        }
        Assert.True(severalMinima >= 3, $"only {severalMinima} landscapes had two nontrivial minima; the test should exercise them");
    }

    [Fact]
    public void Regime_labels_are_stable_under_tiny_perturbations_away_from_boundaries()
    {
        for (int seed = 0; seed < 40; seed++)
        {
            var random = new Random(seed);
            var data = RandomProblems.Data(random, 4, Math.Exp(-2 + 3 * random.NextDouble()), spread: 10);
            var arch = RandomProblems.Architecture(random, 1 + seed % 4);
            var exact = ExactSolver.Solve(data, arch);
            double gap = Math.Abs(exact.GlobalMinimumLoss - exact.TrivialLoss);
            if (exact.Regime == Regime.NontrivialGlobal && gap < 1e-4) continue;
            foreach (double factor in new[] { 1 - 1e-9, 1 + 1e-9 })
            {
                var moved = ExactSolver.Solve(data.WithSignal(data.SignalNorm * factor), new Architecture(arch.Depth, arch.Widths, arch.NoiseVariances, arch.OutputDecay * factor, arch.LayerDecays.Select(g => g * factor).ToArray()));
                Assert.Equal(exact.Regime, moved.Regime);
                Assert.Equal(exact.ZeroIs, moved.ZeroIs);
            }
        }
    }

    static Vector<double> Direction(int d, int seed)
    {
        var random = new Random(seed);
        var v = Vector<double>.Build.Dense(d, _ => random.NextGaussian());
        return v / v.L2Norm();
    }

    [Fact]
    public void Regime_diagram_is_Theorem_1_Eq_15_and_Eq_18_on_whitened_data_and_brute_force_off_it()
    {
        const double sx2 = 0.7;
        var decays = Enumerable.Range(0, 12).Select(i => Math.Exp(-5 + 0.4 * i)).ToArray();
        var signals = Enumerable.Range(0, 12).Select(i => 0.01 + 0.1 * i).ToArray();
        // E[y²] fixed by the largest signal, so that every point of the sweep is realisable
        var whitened = RandomProblems.Whitened(sx2, Direction(5, 9) * signals[^1]);
        foreach (int depth in new[] { 1, 2, 3 })
        {
            var grid = RegimeDiagram.Compute(whitened, g => Architecture.Uniform(depth, 3, 0.5, g), decays, signals);
            var seen = new HashSet<Regime>();
            for (int i = 0; i < decays.Length; i++)
                for (int j = 0; j < signals.Length; j++)
                {
                    // for A0 = σx²I the regime boundaries are closed forms: Theorem 1 (D = 1), Eq. 15 and Eq. 18 (D ≥ 2)
                    double logSignal2 = 2 * Math.Log(signals[j]);
                    Regime expected = depth == 1
                        ? (logSignal2 > 2 * Math.Log(decays[i]) ? Regime.NontrivialGlobal : Regime.TrivialOnly)
                        : logSignal2 < UniformNetwork.LogExistenceSignalSquared(depth, 3, 0.5, decays[i], sx2) ? Regime.TrivialOnly
                        : logSignal2 > UniformNetwork.LogNontrivialGlobalSignalSquared(depth, 3, 0.5, decays[i], sx2) ? Regime.NontrivialGlobal
                        : Regime.TrivialGlobal;
                    Assert.Equal(expected, grid.Regimes[i, j]);
                    seen.Add(expected);
                }
            Assert.Equal(depth == 1 ? 2 : 3, seen.Count);
        }

        // off whitened data the diagram's losses against brute force, at the first grid point of each regime
        var data = RandomProblems.Data(new Random(9), 3, signals[^1], spread: 8);
        var spread = RegimeDiagram.Compute(data, g => Architecture.Uniform(2, 3, 0.5, g), decays, signals);
        var checkedRegimes = new HashSet<Regime>();
        for (int i = 0; i < decays.Length; i++)
            for (int j = 0; j < signals.Length; j++)
            {
                if (!checkedRegimes.Add(spread.Regimes[i, j])) continue;
                var point = data.WithSignal(signals[j]);
                var minima = BruteForceReference.Minima(point, Architecture.Uniform(2, 3, 0.5, decays[i]), 16, 100 * i + j);
                Assert.Equal(spread.Regimes[i, j], BruteForceReference.RegimeOf(minima, point.Eyy));
                // brute force is converged to ~1e-18 in L and the diagram's roots to 1e-13 in log τ: 1e-12·E[y²] is round-off
                Tolerance.Close(minima[0].Loss, spread.GlobalMinimumLoss[i, j], 0, 1e-12 * point.Eyy, $"grid ({i}, {j}): global-minimum loss vs brute force");
            }
        Assert.Equal(3, checkedRegimes.Count);
    }

    [Fact]
    public void Synthetic_tasks_hit_the_requested_signal_exactly_and_are_reproducible()
    {
        foreach (var target in new[] { TargetFunction.Linear, TargetFunction.Tanh })
        {
            var task = SyntheticTask.Generate(1000, 5, 0.37, target, seed: 42);
            Tolerance.Close(0.37, task.Statistics.SignalNorm, 1e-13, 0, $"{target}: ‖E[xy]‖");
            var again = SyntheticTask.Generate(1000, 5, 0.37, target, seed: 42);
            Assert.Equal(task.Y.ToArray(), again.Y.ToArray());
            Assert.NotEqual(task.Y.ToArray(), SyntheticTask.Generate(1000, 5, 0.37, target, seed: 43).Y.ToArray());
        }
        var linear = SyntheticTask.Generate(200, 3, 0.5, TargetFunction.Linear, seed: 1);
        Tolerance.Close(0, (linear.X * linear.V - linear.Y).L2Norm(), 0, 1e-12, "y = v·x");
        Assert.Equal(0, SyntheticTask.Generate(10, 3, 0, TargetFunction.Linear, seed: 1).Statistics.SignalNorm);
        Assert.Throws<ArgumentException>(() => SyntheticTask.Generate(0, 3, 0.5, TargetFunction.Linear, 1));
    }

    /// <summary>L-BFGS over all weights from <paramref name="start"/>, which must converge; the endpoint.</summary>
    static NetworkWeights DescendFrom(DataStatistics data, Architecture arch, NetworkWeights start)
    {
        (double, Vector<double>) Objective(Vector<double> x)
        {
            var (loss, gradient) = ExpectedLoss.ValueAndGradient(data, arch, start.Unflatten(x));
            return (loss, gradient.Flatten());
        }
        var (end, _, gradientNorm, stop) = BruteForce.Lbfgs(Objective, start.Flatten(), 1e-10, 20000);
        Assert.True(stop == LbfgsStop.Converged, $"L-BFGS stopped ({stop}) at ‖∇L‖∞ = {gradientNorm:G3}");
        return start.Unflatten(end);
    }

    [Fact]
    public void Critical_signals_are_where_brute_force_changes_regime_and_match_Eq_15_and_Eq_18_for_whitened_data()
    {
        var data = RandomProblems.Data(new Random(21), 4, 1, spread: 10);
        foreach (int depth in new[] { 1, 2, 4 })
        {
            var arch = Architecture.Uniform(depth, 3, 0.4, 0.03);
            var (existence, global) = RegimeDiagram.CriticalSignals(data, arch);
            Assert.True(existence <= global, $"D={depth}: existence {existence} must not exceed {global}");
            // CriticalAccuracy: a final bracket 1e-10 wide in log signal, and its midpoint returned, is within 5e-11 relative
            if (depth == 1) Tolerance.Close(0.03, global, 1e-10, 0, "D = 1: Theorem 1, √(γ_uγ₁)");
            // 0.1% either side of the global threshold the best nontrivial minimum is 1e-5 to 1e-4 from E[y²]: resolved
            var belowGlobal = RandomProblems.AtSignal(data, global * (1 - 1e-3));
            var aboveGlobal = RandomProblems.AtSignal(data, global * (1 + 1e-3));
            Assert.NotEqual(Regime.NontrivialGlobal, BruteForceReference.RegimeOf(BruteForceReference.Minima(belowGlobal, arch, 24, depth), belowGlobal.Eyy));
            Assert.Equal(Regime.NontrivialGlobal, BruteForceReference.RegimeOf(BruteForceReference.Minima(aboveGlobal, arch, 24, depth), aboveGlobal.Eyy));
            if (depth == 1) continue;
            // just above the existence threshold the new minimum's basin is too small for random starts, so: the solver's
            // minimum at 1.001× is a minimum of the full loss (finite-difference Hessian), and the same weights at 0.999× roll to zero
            var aboveExistence = RandomProblems.AtSignal(data, existence * (1 + 1e-3));
            var solved = ExactSolver.Solve(aboveExistence, arch);
            var minimum = solved.Weights(solved.Solutions.Single(p => p.Kind == StationaryKind.LocalMinimum));
            Assert.True(BruteForce.Examine(aboveExistence, arch, minimum).IsMinimum, $"D={depth}: the solver's minimum above the existence threshold is not a minimum of L(U, W)");
            var end = DescendFrom(RandomProblems.AtSignal(data, existence * (1 - 1e-3)), arch, minimum);
            Assert.True(end.Product().L2Norm() < 1e-6, $"D={depth}: below the existence threshold L-BFGS stopped at ‖U W_D⋯W₁‖ = {end.Product().L2Norm():G3}");
        }
        var whitened = RandomProblems.Whitened(0.7, Vector<double>.Build.DenseOfArray([1.0, 2, 2]));
        var (e3, g3) = RegimeDiagram.CriticalSignals(whitened, Architecture.Uniform(3, 5, 0.2, 0.02));
        // bisection to a bracket 1e-10 wide in log ‖E[xy]‖, midpoint returned: within 5e-11 relative, so 1e-10 holds
        Tolerance.Close(Math.Exp(0.5 * UniformNetwork.LogExistenceSignalSquared(3, 5, 0.2, 0.02, 0.7)), e3, 1e-10, 0, "whitened: existence = Eq. 15");
        Tolerance.Close(Math.Sqrt(UniformNetwork.NontrivialGlobalSignalSquared(3, 5, 0.2, 0.02, 0.7)), g3, 1e-10, 0, "whitened: global = Eq. 18");
    }

    [Fact]
    public void Critical_decay_is_Theorem_1_for_D_1_Eq_18_solved_for_gamma_on_whitened_data_and_where_brute_force_stops_beating_E_y2()
    {
        var data = RandomProblems.Data(new Random(5), 4, 1, spread: 10);
        // bisection to a bracket 1e-10 wide in log γ, midpoint returned: within 5e-11 relative, so 1e-10 holds
        Tolerance.Close(data.SignalNorm, RegimeDiagram.CriticalDecay(data, g => Architecture.Uniform(1, 3, 0.4, g)), 1e-10, 0, "D = 1: Theorem 1, γ* = ‖E[xy]‖");
        Assert.Equal(double.PositiveInfinity, RegimeDiagram.CriticalDecay(data, Architecture.Ridge));
        var whitened = RandomProblems.Whitened(0.8, Direction(4, 5));
        foreach (int depth in new[] { 2, 4 })
        {
            // Eq. 18 is exact for whitened data and linear in log γ with slope (D+1)/D: solve it for γ
            double logGamma = depth / (depth + 1.0) * (2 * Math.Log(whitened.SignalNorm) - UniformNetwork.LogNontrivialGlobalSignalSquared(depth, 3, 0.4, 1, 0.8));
            Tolerance.Close(Math.Exp(logGamma), RegimeDiagram.CriticalDecay(whitened, g => Architecture.Uniform(depth, 3, 0.4, g)), 1e-10, 0, $"D={depth}: whitened γ* = Eq. 18 solved for γ");
        }
        foreach (int depth in new[] { 2, 4 })
        {
            Architecture At(double g) => Architecture.Uniform(depth, 3, 0.4, g);
            double critical = RegimeDiagram.CriticalDecay(data, At);
            // 0.1% either side the nontrivial minimum is about 5e-4 below or above E[y²] here, against L's round-off of 1e-16·E[y²]
            var below = BruteForceReference.Minima(data, At((1 - 1e-3) * critical), 24, depth);
            var above = BruteForceReference.Minima(data, At((1 + 1e-3) * critical), 24, depth);
            Assert.False(below[0].IsTrivial, $"D={depth}: at 0.999γ* brute force's best minimum must be nontrivial");
            Tolerance.Close(ExactSolver.Solve(data, At((1 - 1e-3) * critical)).GlobalMinimumLoss, below[0].Loss, 0, 1e-12 * data.Eyy, $"D={depth}: brute force at 0.999γ*");
            Assert.True(below[0].Loss < data.Eyy - 1e-6, $"D={depth}: best loss {below[0].Loss} at 0.999γ* must beat E[y²] = {data.Eyy}");
            Assert.NotEqual(Regime.NontrivialGlobal, BruteForceReference.RegimeOf(above, data.Eyy));
        }
        Assert.Throws<ArgumentException>(() => RegimeDiagram.CriticalDecay(data.WithSignal(0), Architecture.Ridge));
    }
}
