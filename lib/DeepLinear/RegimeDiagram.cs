namespace DeepLinear;

/// <summary>A computed phase diagram: the regime and global-minimum loss at each (decay, signal) point.</summary>
public sealed record RegimeGrid(double[] Decays, double[] Signals, Regime[,] Regimes, double[,] GlobalMinimumLoss);

/// <summary>
/// Exact phase diagrams in the (weight decay, signal ‖E[xy]‖) plane (Figure 1 left, Section 4.2): for each
/// decay the landscape is built once and rescaled for every signal, and decays run in parallel.
/// Notebook: 03-regime-diagram.
/// </summary>
public static class RegimeDiagram
{
    /// <summary>
    /// Classifies every (decay, signal) pair. <paramref name="architectureOf"/> maps a decay to the
    /// architecture (for example <c>g => Architecture.Uniform(D, d₀, σ², g)</c>); the signal rescales the
    /// direction of <paramref name="data"/>'s E[xy], keeping A0 and E[y²].
    /// </summary>
    public static RegimeGrid Compute(DataStatistics data, Func<double, Architecture> architectureOf, IReadOnlyList<double> decays, IReadOnlyList<double> signals)
    {
        ArgumentNullException.ThrowIfNull(data, nameof(data));
        ArgumentNullException.ThrowIfNull(architectureOf, nameof(architectureOf));
        ArgumentNullException.ThrowIfNull(decays, nameof(decays));
        ArgumentNullException.ThrowIfNull(signals, nameof(signals));
        if (data.SignalNorm == 0) throw new ArgumentException("data must have E[xy] ≠ 0 so that its direction can be rescaled", nameof(data));
        Guard.AllFinite(decays, nameof(decays));
        for (int s = 0; s < signals.Count; s++) Guard.NonNegative(signals[s], $"signals[{s}]");
        var regimes = new Regime[decays.Count, signals.Count];
        var losses = new double[decays.Count, signals.Count];
        Parallel.For(0, decays.Count, i =>
        {
            var landscape = new Landscape(data, architectureOf(decays[i]));
            for (int j = 0; j < signals.Count; j++)
                (regimes[i, j], losses[i, j]) = ExactSolver.Classify(landscape.WithSignalFactor(signals[j] / data.SignalNorm));
        });
        return new RegimeGrid(decays.ToArray(), signals.ToArray(), regimes, losses);
    }

    /// <summary>
    /// The exact critical signals of an architecture along the direction of <paramref name="data"/>'s E[xy]:
    /// the smallest ‖E[xy]‖ at which a nontrivial solution exists, and the smallest at which it is the global
    /// minimum. Both are found by bisection in log ‖E[xy]‖, which is valid because the fit term grows with
    /// ‖E[xy]‖² at every scale while the decay term does not, so both properties are monotone in the signal.
    /// For D = 1 both equal √(γ_uγ₁) (Theorem 1). Relative accuracy 1e-10.
    /// </summary>
    public static (double Existence, double NontrivialGlobal) CriticalSignals(DataStatistics data, Architecture architecture)
    {
        ArgumentNullException.ThrowIfNull(data, nameof(data));
        if (data.SignalNorm == 0) throw new ArgumentException("data must have E[xy] ≠ 0 so that its direction can be rescaled", nameof(data));
        var landscape = new Landscape(data, architecture);
        Landscape At(double signal) => landscape.WithSignalFactor(signal / data.SignalNorm);
        double existence = Bisect(s => At(s).StationaryPoints().Any(p => p.Kind == StationaryKind.LocalMinimum));
        double global = Bisect(s => ExactSolver.Classify(At(s)).Regime == Regime.NontrivialGlobal);
        return (existence, global);
    }

    /// <summary>
    /// The exact critical weight decay of a family of architectures on fixed data: the γ at which the global
    /// minimum becomes the trivial solution w = 0 (Figure 1, right: the collapse a weight-decay sweep shows).
    /// <paramref name="architectureOf"/> maps a decay to the architecture, e.g. <c>g => Architecture.Uniform(D, d₀, σ², g)</c>.
    /// Found by bisection in log γ, which is valid because the loss of every fixed weight set grows with γ
    /// while E[y²] does not, so once zero is the global minimum it stays so for every larger γ. For D = 1 with one
    /// decay on both layers it is ‖E[xy]‖ (Theorem 1: ‖E[xy]‖² = γ_uγ₁); for D = 0 (ridge) the regressor never
    /// collapses and the result is +∞. Relative accuracy 1e-10. Notebook: 07-collapse-on-real-data.
    /// </summary>
    public static double CriticalDecay(DataStatistics data, Func<double, Architecture> architectureOf)
    {
        ArgumentNullException.ThrowIfNull(data, nameof(data));
        ArgumentNullException.ThrowIfNull(architectureOf, nameof(architectureOf));
        if (data.SignalNorm == 0) throw new ArgumentException("data must have E[xy] ≠ 0: with no signal zero is the global minimum at every decay", nameof(data));
        if (architectureOf(1).Depth == 0) return double.PositiveInfinity;
        return Bisect(g => ExactSolver.Solve(data, architectureOf(g)).Regime != Regime.NontrivialGlobal);
    }

    static double Bisect(Func<double, bool> holds)
    {
        double low = 1, high = 1;
        while (holds(low)) { high = low; low /= 16; if (low < 1e-300) return 0; }
        while (!holds(high)) { low = high; high *= 16; if (high > 1e300) return double.PositiveInfinity; }
        while (Math.Log(high / low) > 1e-10)
        {
            double mid = Math.Sqrt(low * high);
            if (holds(mid)) high = mid; else low = mid;
        }
        return Math.Sqrt(low * high);
    }
}
