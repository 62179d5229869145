namespace DeepLinear.Cli;

/// <summary>
/// `deeplinear critical-decay problem.json`: the weight decay at which the network collapses, i.e. the global
/// minimum becomes the trivial solution (<see cref="RegimeDiagram.LogCriticalDecayFactor"/>). Every decay in the
/// file is multiplied by one factor κ, so their ratios are kept; with equal decays the result is the paper's γ*.
/// </summary>
public static class CriticalDecayCommand
{
    const string Usage = "critical-decay <problem.json | ->";

    public const string Summary = Usage + "   the weight decay at which the global minimum collapses to zero, JSON";

    public const string Help = """
        usage: deeplinear critical-decay <problem.json | ->

        The exact critical weight decay: multiply every decay of the problem (weightDecay.output and each of
        weightDecay.layers, their ratios kept) by a factor κ; below the critical factor κ* the global minimum is
        nontrivial, above it the network collapses to zero (Figure 1, right). With all decays equal in the file,
        every entry of criticalWeightDecay is the paper's critical decay γ*. For depth 1, κ*² γ_u γ_1 = ‖E[xy]‖²
        (Theorem 1). The problem file is the one 'deeplinear solve' reads; its decays must be > 0.

        Output: {"collapses": true, "criticalFactor": κ*, "log10CriticalFactor": log10 κ*,
                 "criticalWeightDecay": {"output": κ* γ_u, "layers": [κ* γ_1, ...]}}
        A depth-0 regressor never collapses: "collapses": false and null for the rest. A number outside float64's
        normal range is null (log10CriticalFactor still holds it). Relative accuracy about 1e-12.
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var line = CommandLine.Parse(Usage, args, [], []);
        var (data, architecture) = ProblemJson.Read(line.Single(Usage, "problem file"));
        if (data.SignalNorm == 0) throw new UsageException("inputOutputCorrelation is zero: with no signal zero is the global minimum at every decay, so there is no critical decay");
        architecture.RequirePositiveDecays();
        double logFactor = RegimeDiagram.LogCriticalDecayFactor(data, architecture);
        bool collapses = double.IsFinite(logFactor);
        stdout.WriteLine(JsonMagnitudes.Document(json =>
        {
            json.WriteBoolean("collapses", collapses);
            if (!collapses)
            {
                json.WriteNull("criticalFactor");
                json.WriteNull("log10CriticalFactor");
                json.WriteNull("criticalWeightDecay");
                return;
            }
            json.WriteMagnitude("criticalFactor", logFactor);
            json.WriteLog10("log10CriticalFactor", logFactor);
            json.WriteStartObject("criticalWeightDecay");
            json.WriteMagnitude("output", logFactor + Math.Log(architecture.OutputDecay));
            json.WriteStartArray("layers");
            foreach (double decay in architecture.LayerDecays) json.WriteMagnitude(null, logFactor + Math.Log(decay));
            json.WriteEndArray();
            json.WriteEndObject();
        }));
        return Cli.Ok;
    }
}
