using System.Text.Json;

namespace DeepLinear.Cli;

/// <summary>
/// The JSON that `deeplinear solve` prints for an <see cref="ExactSolution"/> (README.md, "deeplinear solve"):
/// globalMinimumLoss, trivialLoss, regime, zeroIs, globalMinimumScale and globalMinimumLog10Scale (both null when
/// zero is the global minimum; the scale alone null when B is outside float64's normal range), and solutions
/// [{scale, log10Scale, loss, kind, layerNorms, log10LayerNorms}], optionally globalMinimumWeights {U, W}.
/// </summary>
public static class SolutionJson
{
    /// <summary>The most weights `--weights` prints (a depth-100, width-5000 net has 2.5e9).</summary>
    public const long MaxWeights = 1_000_000;

    public static string Write(ExactSolution solution, bool withWeights = false)
    {
        ArgumentNullException.ThrowIfNull(solution);
        var weights = withWeights ? Weights(solution) : null;
        return JsonMagnitudes.Document(json =>
        {
            json.WriteFinite("globalMinimumLoss", solution.GlobalMinimumLoss);
            json.WriteFinite("trivialLoss", solution.TrivialLoss);
            json.WriteString("regime", solution.Regime.Name());
            json.WriteString("zeroIs", solution.ZeroIs.Name());
            if (solution.GlobalMinimum is { } global)
            {
                json.WriteMagnitude("globalMinimumScale", global.LogScale);
                json.WriteLog10("globalMinimumLog10Scale", global.LogScale);
            }
            else
            {
                json.WriteNull("globalMinimumScale");
                json.WriteNull("globalMinimumLog10Scale");
            }
            json.WriteStartArray("solutions");
            foreach (var point in solution.Solutions)
            {
                json.WriteStartObject();
                json.WriteMagnitude("scale", point.LogScale);
                json.WriteLog10("log10Scale", point.LogScale);
                json.WriteFinite("loss", point.Loss);
                json.WriteString("kind", point.Kind.Name());
                json.WriteStartArray("layerNorms");
                foreach (var log in point.LogLayerNorms) json.WriteMagnitude(null, log);
                json.WriteEndArray();
                json.WriteStartArray("log10LayerNorms");
                foreach (var log in point.LogLayerNorms) json.WriteLog10(null, log);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (weights is not null) WriteWeights(json, weights);
        });
    }

    /// <summary>The global minimum's weights. Rules: at most <see cref="MaxWeights"/> of them, each within float64's range.</summary>
    static NetworkWeights Weights(ExactSolution solution)
    {
        var arch = solution.Architecture;
        long count = arch.Depth == 0 ? solution.Data.Dimension : arch.Widths[^1];
        for (int k = 1; k <= arch.Depth && count <= MaxWeights; k++) count += (long)arch.Widths[k - 1] * (k == 1 ? solution.Data.Dimension : arch.Widths[k - 2]);
        if (count > MaxWeights) throw new UsageException($"--weights: this network has more than the {MaxWeights} weights that --weights prints; the layer norms in the output describe them (every W_k with k >= 2 and U is constant)");
        var weights = solution.GlobalMinimumWeights();
        if (!weights.Flatten().All(double.IsFinite)) throw new UsageException("--weights: a weight of the global minimum is beyond float64's range (see log10LayerNorms); rescale x or y");
        return weights;
    }

    static void WriteWeights(Utf8JsonWriter json, NetworkWeights weights)
    {
        json.WriteStartObject("globalMinimumWeights");
        json.WriteStartArray("U");
        foreach (var v in weights.U) json.WriteNumberValue(v);
        json.WriteEndArray();
        json.WriteStartArray("W");
        foreach (var w in weights.W)
        {
            json.WriteStartArray();
            for (int r = 0; r < w.RowCount; r++)
            {
                json.WriteStartArray();
                for (int c = 0; c < w.ColumnCount; c++) json.WriteNumberValue(w[r, c]);
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
