using System.Runtime.InteropServices.JavaScript;
using System.Text.Json;

namespace DeepLinear.Explorer;

/// <summary>
/// What explorer.html calls, each taking the problem of the page's controls (<see cref="ExplorerProblem.Build"/>)
/// and returning JSON text: <see cref="Solve"/> (the exact solution and its landscape, fast, on every control change),
/// <see cref="Critical"/> (the exact critical signals and decay with the paper's bounds beside them, by bisection) and
/// <see cref="Map"/> (the regime in the (decay, signal) plane). Every number is the core library's; bad input throws
/// an <see cref="ArgumentException"/> naming the parameter and the rule, which the page shows as its message.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("browser")]
public static partial class ExplorerApi
{
    /// <summary>Points of the drawn landscape L(x), x from −x_max to x_max.</summary>
    public const int LandscapePoints = 241;

    /// <summary>
    /// The exact solution (<see cref="ExactSolver.Solve"/>): regime, what zero is, E[y²], the global-minimum loss,
    /// every nontrivial stationary point, and the one-variable landscape sampled along the per-layer scale
    /// x = |B|^{1/D} (B the end-to-end scale; L is even in B, so the curve is drawn for ±x), which keeps every
    /// depth's stationary points at order-one abscissae.
    /// </summary>
    [JSExport]
    public static string Solve(double[] eigenvalues, double[] signalWeights, double signal, double residual,
        int depth, int[] widths, double[] noise, bool noiseIsDropRate, double outputDecay, double[] layerDecays)
    {
        var (data, architecture) = ExplorerProblem.Build(eigenvalues, signalWeights, signal, residual, depth, widths, noise, noiseIsDropRate, outputDecay, layerDecays);
        var solution = ExactSolver.Solve(data, architecture);
        return ExplorerJson.Document(json =>
        {
            ExplorerJson.WriteProblem(json, data, architecture);
            json.WriteString("regime", solution.Regime.Name());
            json.WriteString("zeroIs", solution.ZeroIs.Name());
            json.WriteNumber("trivialLoss", solution.TrivialLoss);
            json.WriteNumber("globalMinimumLoss", solution.GlobalMinimumLoss);
            ExplorerJson.WriteLog10OrNull(json, "globalMinimumLog10Scale", solution.GlobalMinimum?.LogScale);
            json.WriteStartArray("solutions");
            foreach (var point in solution.Solutions)
            {
                json.WriteStartObject();
                json.WriteNumber("log10Scale", point.LogScale / Math.Log(10));
                json.WriteNumber("x", depth == 0 ? Math.Exp(point.LogScale) : Math.Exp(point.LogScale / depth));
                json.WriteNumber("loss", point.Loss);
                json.WriteString("kind", point.Kind.Name());
                json.WriteBoolean("global", ReferenceEquals(point, solution.GlobalMinimum));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (solution.Landscape is { } landscape) ExplorerJson.WriteLandscape(json, landscape, solution, LandscapePoints);
        });
    }

    /// <summary>
    /// The exact critical signals along the direction of E[xy] (<see cref="RegimeDiagram.CriticalSignals"/>: where a
    /// nontrivial minimum first exists, where it first is global), the exact critical decay factor κ* with the decays
    /// it gives (<see cref="RegimeDiagram.LogCriticalDecayFactor"/>, as `deeplinear critical-decay` prints them), and
    /// the paper's closed forms beside them: Theorem 1 for D = 1; Eqs. 14, 15 and 18 for a uniform network (D ≥ 2).
    /// Depth 0 (ridge) has none of them: the regressor never collapses.
    /// </summary>
    [JSExport]
    public static string Critical(double[] eigenvalues, double[] signalWeights, double signal, double residual,
        int depth, int[] widths, double[] noise, bool noiseIsDropRate, double outputDecay, double[] layerDecays)
    {
        var (data, architecture) = ExplorerProblem.Build(eigenvalues, signalWeights, signal, residual, depth, widths, noise, noiseIsDropRate, outputDecay, layerDecays);
        if (depth == 0) return ExplorerJson.Document(json => json.WriteBoolean("collapses", false));
        if (data.SignalNorm == 0) throw new ArgumentException("signal ‖E[xy]‖ must be > 0 for critical values: with no signal zero is the global minimum at every decay", nameof(signal));
        var (existence, global) = RegimeDiagram.CriticalSignals(data, architecture);
        double logFactor = RegimeDiagram.LogCriticalDecayFactor(data, architecture);
        return ExplorerJson.Document(json =>
        {
            json.WriteBoolean("collapses", true);
            json.WriteNumber("existenceSignal", existence);
            json.WriteNumber("globalSignal", global);
            json.WriteNumber("log10CriticalFactor", logFactor / Math.Log(10));
            ExplorerJson.WriteNumberOrNull(json, "criticalOutputDecay", Math.Exp(logFactor + Math.Log(outputDecay)));
            json.WriteStartArray("criticalLayerDecays");
            foreach (double g in architecture.LayerDecays) ExplorerJson.WriteNumberOrNull(json, null, Math.Exp(logFactor + Math.Log(g)));
            json.WriteEndArray();
            ExplorerJson.WriteBounds(json, data, architecture);
        });
    }

    /// <summary>
    /// The regime at every (decay, signal) pair of two log-spaced axes (<see cref="RegimeDiagram.Compute"/> with the
    /// label rescaled, as `deeplinear regime-grid` computes it): the decay sets γ_u with the layer decays kept in
    /// their ratios to it (<see cref="Architecture.WithOutputDecay"/>), the signal sets ‖E[xy]‖ along the problem's
    /// direction. Regimes are written as 0 nontrivial-global, 1 trivial-global, 2 trivial-only, decay-major.
    /// Rules: depth ≥ 1; both axes with 2 to 400 points between finite positive ends.
    /// </summary>
    [JSExport]
    public static string Map(double[] eigenvalues, double[] signalWeights, double signal, double residual,
        int depth, int[] widths, double[] noise, bool noiseIsDropRate, double outputDecay, double[] layerDecays,
        double decayLow, double decayHigh, int decayCount, double signalLow, double signalHigh, int signalCount)
    {
        var (data, architecture) = ExplorerProblem.Build(eigenvalues, signalWeights, signal, residual, depth, widths, noise, noiseIsDropRate, outputDecay, layerDecays);
        if (depth == 0) throw new ArgumentException("depth must be >= 1 for the regime map: a depth-0 regressor is nontrivial at every signal > 0", nameof(depth));
        if (data.SignalNorm == 0) throw new ArgumentException("signal ‖E[xy]‖ must be > 0 for the regime map: it rescales E[xy] along its direction", nameof(signal));
        var decays = ExplorerJson.Axis(decayLow, decayHigh, decayCount, "decay");
        var signals = ExplorerJson.Axis(signalLow, signalHigh, signalCount, "signal");
        var grid = RegimeDiagram.Compute(data, architecture.WithOutputDecay, decays, signals, SignalSweep.ScaledLabel);
        return ExplorerJson.Document(json =>
        {
            ExplorerJson.WriteArray(json, "decays", decays);
            ExplorerJson.WriteArray(json, "signals", signals);
            json.WriteStartArray("regimes");
            for (int i = 0; i < decays.Length; i++)
                for (int j = 0; j < signals.Length; j++)
                    json.WriteNumberValue((int)grid.Regimes[i, j]);
            json.WriteEndArray();
        });
    }
}
