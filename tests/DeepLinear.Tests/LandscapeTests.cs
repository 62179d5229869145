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
            var data = new DataStatistics(a, c, 1e6);
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

    [Fact]
    public void Regime_diagram_agrees_with_solving_each_point()
    {
        var data = RandomProblems.Data(new Random(9), 5, 1, spread: 8);
        var decays = Enumerable.Range(0, 12).Select(i => Math.Exp(-5 + 0.4 * i)).ToArray();
        var signals = Enumerable.Range(0, 12).Select(i => 0.01 + 0.1 * i).ToArray();
        foreach (int depth in new[] { 1, 2, 3 })
        {
            var grid = RegimeDiagram.Compute(data, g => Architecture.Uniform(depth, 3, 0.5, g), decays, signals);
            var seen = new HashSet<Regime>();
            for (int i = 0; i < decays.Length; i++)
                for (int j = 0; j < signals.Length; j++)
                {
                    var single = ExactSolver.Solve(data.WithSignal(signals[j]), Architecture.Uniform(depth, 3, 0.5, decays[i]));
                    Assert.Equal(single.Regime, grid.Regimes[i, j]);
                    Tolerance.Close(single.GlobalMinimumLoss, grid.GlobalMinimumLoss[i, j], 1e-12, 0, "grid loss");
                    seen.Add(single.Regime);
                }
            Assert.Equal(depth == 1 ? 2 : 3, seen.Count);
        }
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

    [Fact]
    public void Critical_signals_bracket_the_regime_changes_and_match_the_closed_forms_for_whitened_data()
    {
        var data = RandomProblems.Data(new Random(21), 4, 1, spread: 10);
        foreach (int depth in new[] { 1, 2, 4 })
        {
            var arch = Architecture.Uniform(depth, 3, 0.4, 0.03);
            var (existence, global) = RegimeDiagram.CriticalSignals(data, arch);
            Assert.True(existence <= global, $"D={depth}: existence {existence} must not exceed {global}");
            Assert.DoesNotContain(ExactSolver.Solve(data.WithSignal(existence * (1 - 1e-7)), arch).Solutions, p => p.Kind == StationaryKind.LocalMinimum);
            Assert.Contains(ExactSolver.Solve(data.WithSignal(existence * (1 + 1e-7)), arch).Solutions, p => p.Kind == StationaryKind.LocalMinimum);
            Assert.NotEqual(Regime.NontrivialGlobal, ExactSolver.Solve(data.WithSignal(global * (1 - 1e-7)), arch).Regime);
            Assert.Equal(Regime.NontrivialGlobal, ExactSolver.Solve(data.WithSignal(global * (1 + 1e-7)), arch).Regime);
            if (depth == 1) Tolerance.Close(TwoLayer.CriticalSignal(0.03, 0.03), global, 1e-9, 0, "D = 1: Theorem 1");
        }
        var whitened = DataStatistics.Isotropic(0.7, Vector<double>.Build.DenseOfArray([1.0, 2, 2]), 4);
        var (e3, g3) = RegimeDiagram.CriticalSignals(whitened, Architecture.Uniform(3, 5, 0.2, 0.02));
        Tolerance.Close(Math.Exp(0.5 * UniformNetwork.LogExistenceSignalSquared(3, 5, 0.2, 0.02, 0.7)), e3, 1e-8, 0, "whitened: existence = Eq. 15");
        Tolerance.Close(Math.Sqrt(UniformNetwork.NontrivialGlobalSignalSquared(3, 5, 0.2, 0.02, 0.7)), g3, 1e-8, 0, "whitened: global = Eq. 18");
    }

    [Fact]
    public void Critical_decay_is_where_brute_force_stops_finding_a_nontrivial_minimum_below_E_y2()
    {
        var data = RandomProblems.Data(new Random(5), 4, 1, spread: 10);
        Tolerance.Close(data.SignalNorm, RegimeDiagram.CriticalDecay(data, g => Architecture.Uniform(1, 3, 0.4, g)), 1e-9, 0, "D = 1: Theorem 1, γ* = ‖E[xy]‖");
        Assert.Equal(double.PositiveInfinity, RegimeDiagram.CriticalDecay(data, Architecture.Ridge));
        foreach (int depth in new[] { 2, 4 })
        {
            Architecture At(double g) => Architecture.Uniform(depth, 3, 0.4, g);
            double critical = RegimeDiagram.CriticalDecay(data, At);
            Assert.Equal(Regime.NontrivialGlobal, ExactSolver.Solve(data, At(critical * (1 - 1e-7))).Regime);
            Assert.NotEqual(Regime.NontrivialGlobal, ExactSolver.Solve(data, At(critical * (1 + 1e-7))).Regime);
            // Independent of the solver: 10% either side, multi-start L-BFGS over all weights finds a minimum
            // below E[y²] only below γ*. The 10% margin keeps the gap at 0.9γ* (about 3% of E[y²] here)
            // far above its 1e-10 gradient tolerance.
            var below = BruteForce.Minimise(data, At(0.9 * critical), 24, seed: depth);
            var above = BruteForce.Minimise(data, At(1.1 * critical), 24, seed: depth);
            Assert.True(below[0].Loss < data.Eyy - 1e-6, $"D={depth}: best loss {below[0].Loss} at 0.9γ* must beat E[y²] = {data.Eyy}");
            Assert.True(above[0].Loss >= data.Eyy - 1e-12, $"D={depth}: best loss {above[0].Loss} at 1.1γ* must not beat E[y²] = {data.Eyy}");
        }
        Assert.Throws<ArgumentException>(() => RegimeDiagram.CriticalDecay(data.WithSignal(0), Architecture.Ridge));
    }
}
