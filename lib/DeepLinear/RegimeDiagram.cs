namespace DeepLinear;

/// <summary>A computed phase diagram: the regime and global-minimum loss at each (decay, signal) point.</summary>
public sealed record RegimeGrid(double[] Decays, double[] Signals, Regime[,] Regimes, double[,] GlobalMinimumLoss);

/// <summary>What E[y²] does when a phase diagram rescales the signal ‖E[xy]‖ by a factor k.</summary>
public enum SignalSweep
{
    /// <summary>E[y²] is kept: only E[xy] scales by k.</summary>
    FixedOutputSecondMoment,
    /// <summary>The label y is scaled by k: E[xy] by k, E[y²] by k².</summary>
    ScaledLabel,
}

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
    /// direction of <paramref name="data"/>'s E[xy] and keeps A0. <paramref name="sweep"/> says what E[y²] does:
    /// stays fixed (the paper's sweeps; a large signal then gives statistics that no data set has, whose losses may
    /// be negative), or scales with the signal squared because the label y is rescaled (always realisable).
    /// The regimes are the same either way. Rule: every architecture of depth ≥ 1 with positive decays.
    /// <paramref name="settings"/>: the stationary-point search (null: <see cref="SolverSettings.Default"/>).
    /// </summary>
    public static RegimeGrid Compute(DataStatistics data, Func<double, Architecture> architectureOf, IReadOnlyList<double> decays, IReadOnlyList<double> signals, SignalSweep sweep = SignalSweep.FixedOutputSecondMoment, SolverSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(architectureOf);
        ArgumentNullException.ThrowIfNull(decays);
        ArgumentNullException.ThrowIfNull(signals);
        if (data.SignalNorm == 0) throw new ArgumentException("data must have E[xy] ≠ 0 so that its direction can be rescaled", nameof(data));
        Guard.AllFinite(decays, nameof(decays));
        for (int s = 0; s < signals.Count; s++) Guard.NonNegative(signals[s], $"signals[{s}]");
        var factors = signals.Select(s => s / data.SignalNorm).ToArray();
        for (int s = 0; s < signals.Count; s++)
            if (!double.IsFinite(factors[s]) || (sweep == SignalSweep.ScaledLabel && !double.IsFinite(data.Eyy * factors[s] * factors[s])))
                throw new ArgumentException($"signals[{s}] = {signals[s]} is too large: it rescales E[xy] (of norm {data.SignalNorm:G6}){(sweep == SignalSweep.ScaledLabel ? " and E[y²]" : "")} beyond float64's range", $"signals[{s}]");
        var landscapes = decays.Select(g => new Landscape(data, architectureOf(g))).ToArray();
        var regimes = new Regime[decays.Count, signals.Count];
        var losses = new double[decays.Count, signals.Count];
        try
        {
            Parallel.For(0, decays.Count, i =>
            {
                for (int j = 0; j < signals.Count; j++)
                {
                    var rescaled = sweep == SignalSweep.ScaledLabel ? landscapes[i].WithLabelFactor(factors[j]) : landscapes[i].WithSignalFactor(factors[j]);
                    (regimes[i, j], losses[i, j]) = ExactSolver.Classify(rescaled, settings);
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions[0] is ArgumentException inner)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(inner).Throw();
        }
        return new RegimeGrid(decays.ToArray(), signals.ToArray(), regimes, losses);
    }

    /// <summary>
    /// The exact critical signals of an architecture along the direction of <paramref name="data"/>'s E[xy]:
    /// the smallest ‖E[xy]‖ at which a nontrivial solution exists, and the smallest at which it is the global
    /// minimum. Both are found by bisection in log ‖E[xy]‖, which is valid because the fit term grows with
    /// ‖E[xy]‖² at every scale while the decay term does not, so both properties are monotone in the signal.
    /// For D = 1 both equal √(γ_uγ₁) (Theorem 1). Relative accuracy <see cref="SolverSettings.CriticalAccuracy"/>
    /// (1e-10 by default); a threshold beyond e^±<see cref="SolverSettings.CriticalReach"/> is 0 or +∞.
    /// </summary>
    public static (double Existence, double NontrivialGlobal) CriticalSignals(DataStatistics data, Architecture architecture, SolverSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.SignalNorm == 0) throw new ArgumentException("data must have E[xy] ≠ 0 so that its direction can be rescaled", nameof(data));
        settings ??= SolverSettings.Default;
        var landscape = new Landscape(data, architecture);
        Landscape At(double logSignal) => landscape.WithSignalFactor(Math.Exp(logSignal) / data.SignalNorm);
        double existence = CriticalValue(u => At(u).StationaryPoints(settings).Any(p => p.Kind == StationaryKind.LocalMinimum), settings);
        double global = CriticalValue(u => ExactSolver.Classify(At(u), settings).Regime == Regime.NontrivialGlobal, settings);
        return (existence, global);
    }

    /// <summary>
    /// The exact critical weight decay of a family of architectures on fixed data: the γ at which the global
    /// minimum becomes the trivial solution w = 0 (Figure 1, right: the collapse a weight-decay sweep shows).
    /// <paramref name="architectureOf"/> maps a decay to the architecture, e.g. <c>g => Architecture.Uniform(D, d₀, σ², g)</c>.
    /// Found by bisection in log γ, which is valid because the loss of every fixed weight set grows with γ
    /// while E[y²] does not, so once zero is the global minimum it stays so for every larger γ. For D = 1 with one
    /// decay on both layers it is ‖E[xy]‖ (Theorem 1: ‖E[xy]‖² = γ_uγ₁); for D = 0 (ridge) the regressor never
    /// collapses and the result is +∞. Relative accuracy <see cref="SolverSettings.CriticalAccuracy"/> (1e-10 by
    /// default), as for <see cref="CriticalSignals"/>. Notebook: 07-collapse-on-real-data.
    /// </summary>
    public static double CriticalDecay(DataStatistics data, Func<double, Architecture> architectureOf, SolverSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(architectureOf);
        if (data.SignalNorm == 0) throw new ArgumentException("data must have E[xy] ≠ 0: with no signal zero is the global minimum at every decay", nameof(data));
        if (architectureOf(1).Depth == 0) return double.PositiveInfinity;
        settings ??= SolverSettings.Default;
        return CriticalValue(u => ExactSolver.Solve(data, architectureOf(Math.Exp(u)), settings).Regime != Regime.NontrivialGlobal, settings);
    }

    /// <summary>
    /// log κ*, where κ* is the factor by which every decay of <paramref name="architecture"/> (γ_u and γ₁..γ_D
    /// together, their ratios kept) must be multiplied for the global minimum to become the trivial solution:
    /// nontrivial below κ*, zero above. The decays are scaled inside the landscape's logarithms (g and λ scale by κ),
    /// so κ* may lie far outside float64. Bisection in log κ, valid for the reason given at
    /// <see cref="CriticalDecay"/>, run to adjacent doubles, so κ* is as accurate as the regime decision (about
    /// 1e-13 relative; logs near ±700 add their ε·|log|). For D = 1 it is
    /// ‖E[xy]‖/√(γ_uγ₁) (Theorem 1); for D = 0 the regressor never collapses and the result is +∞.
    /// The search reaches e^±<see cref="SolverSettings.DecayFactorReach"/> and halves at most
    /// <see cref="SolverSettings.ThresholdBisections"/> times.
    /// </summary>
    public static double LogCriticalDecayFactor(DataStatistics data, Architecture architecture, SolverSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(architecture);
        if (data.SignalNorm == 0) throw new ArgumentException("data must have E[xy] ≠ 0: with no signal zero is the global minimum at every decay", nameof(data));
        if (architecture.Depth == 0) return double.PositiveInfinity;
        settings ??= SolverSettings.Default;
        var landscape = new Landscape(data, architecture);
        bool Collapsed(double logFactor) => ExactSolver.Classify(landscape.WithDecayFactor(logFactor), settings).Regime != Regime.NontrivialGlobal;
        double logCritical = LogThreshold(Collapsed, settings.DecayFactorReach, width: 0, settings.ThresholdBisections);
        if (!double.IsFinite(logCritical))
            throw new InvalidOperationException($"internal error: no critical decay factor within e^±{settings.DecayFactorReach:G3}; please report the problem");
        return logCritical;
    }

    /// <summary>
    /// The critical signal or decay e^{u*} where <paramref name="holds"/> (a question about log signal or log decay
    /// u, false below u*, true above) changes, to <see cref="SolverSettings.CriticalAccuracy"/> in u; 0 or +∞ when
    /// it does not change within ±<see cref="SolverSettings.CriticalReach"/>.
    /// </summary>
    static double CriticalValue(Func<double, bool> holds, SolverSettings settings) =>
        Math.Exp(LogThreshold(holds, settings.CriticalReach, settings.CriticalAccuracy, settings.ThresholdBisections));

    /// <summary>
    /// The u* at which a question that is false below u* and true above changes: its answer at u = 0 says the
    /// direction, <see cref="RootFinding.Widen"/> brackets u* by steps 1, 2, 4, … up to <paramref name="reach"/>,
    /// and <see cref="RootFinding.Threshold"/> bisects the bracket; −∞ or +∞ when u* lies beyond the reach.
    /// </summary>
    static double LogThreshold(Func<double, bool> holds, double reach, double width, int limit)
    {
        if (holds(0))
            return RootFinding.Widen(0, -1, u => !holds(u), reach) is var (before, at)
                ? RootFinding.Threshold(at, before, holds, width, limit)
                : double.NegativeInfinity;
        return RootFinding.Widen(0, +1, holds, reach) is var (low, high)
            ? RootFinding.Threshold(low, high, holds, width, limit)
            : double.PositiveInfinity;
    }
}
