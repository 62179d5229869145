using System.Text.Json;

namespace DeepLinear.Explorer;

/// <summary>
/// The JSON the explorer's exports return, written with <see cref="Utf8JsonWriter"/> (no reflection, so it survives
/// full trimming). Numbers are float64 in shortest round-trip form; a magnitude outside float64's normal range is null.
/// </summary>
static class ExplorerJson
{
    public static string Document(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// The problem as `deeplinear solve` reads it (<c>"problem"</c>: inputCovariance, inputOutputCorrelation,
    /// outputSecondMoment, depth, widths, noiseVariances, weightDecay), so the page can hand it to the CLI unchanged.
    /// </summary>
    public static void WriteProblem(Utf8JsonWriter json, DataStatistics data, Architecture architecture)
    {
        json.WriteStartObject("problem");
        json.WriteStartArray("inputCovariance");
        for (int i = 0; i < data.Dimension; i++)
        {
            json.WriteStartArray();
            for (int j = 0; j < data.Dimension; j++) json.WriteNumberValue(data.A0[i, j]);
            json.WriteEndArray();
        }
        json.WriteEndArray();
        WriteArray(json, "inputOutputCorrelation", data.Exy);
        json.WriteNumber("outputSecondMoment", data.Eyy);
        json.WriteNumber("depth", architecture.Depth);
        json.WriteStartArray("widths");
        foreach (int w in architecture.Widths) json.WriteNumberValue(w);
        json.WriteEndArray();
        WriteArray(json, "noiseVariances", architecture.NoiseVariances);
        json.WriteStartObject("weightDecay");
        json.WriteNumber("output", architecture.OutputDecay);
        WriteArray(json, "layers", architecture.LayerDecays);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>
    /// L along the per-layer scale x = |B|^{1/D}: x from −x_max to x_max with x_max 1.5 times the largest stationary
    /// point's x, or, with none, twice the x of τ = g/a_max, where the fit term turns from linear to saturated.
    /// Each loss is <see cref="Landscape.LossAtLogTau"/> at log τ = log S + 2D log|x| (no overflow at any depth).
    /// </summary>
    public static void WriteLandscape(Utf8JsonWriter json, Landscape landscape, ExactSolution solution, int points)
    {
        int depth = landscape.Depth;
        double logXMax = solution.Solutions.Count > 0
            ? Math.Log(1.5) + solution.Solutions.Max(p => p.LogScale) / depth
            : Math.Log(2) + 0.5 * (landscape.LogG - Math.Log(landscape.Data.AMax) - landscape.LogS) / depth;
        double xMax = Math.Exp(logXMax);
        json.WriteStartObject("landscape");
        json.WriteNumber("xMax", xMax);
        json.WriteStartArray("x");
        for (int i = 0; i < points; i++) json.WriteNumberValue(X(i));
        json.WriteEndArray();
        json.WriteStartArray("loss");
        for (int i = 0; i < points; i++)
        {
            double x = X(i);
            json.WriteNumberValue(x == 0 ? landscape.OutputSecondMoment : landscape.LossAtLogTau(landscape.LogS + 2 * depth * Math.Log(Math.Abs(x))));
        }
        json.WriteEndArray();
        json.WriteEndObject();

        double X(int i) => i == (points - 1) / 2 ? 0 : xMax * (2.0 * i / (points - 1) - 1);
    }

    /// <summary>
    /// The paper's closed forms for the critical signals: Theorem 1 (D = 1: both are √(γ_uγ₁)) and, for a uniform
    /// network of depth ≥ 2, the signals at which Eq. 14 (with a_min: below it only the trivial solution) and Eq. 15
    /// (with a_max: above it solutions exist) hold with equality (<see cref="UniformNetwork.LogExistenceSignalSquared"/>),
    /// and Eq. 18's sufficient signal for a nontrivial global minimum (<see cref="UniformNetwork.NontrivialGlobalSignalSquared"/>).
    /// </summary>
    public static void WriteBounds(Utf8JsonWriter json, DataStatistics data, Architecture architecture)
    {
        json.WriteStartObject("bounds");
        bool uniform = ExplorerProblem.IsUniform(architecture);
        json.WriteBoolean("uniform", uniform);
        if (architecture.Depth == 1)
            json.WriteNumber("theorem1Signal", Math.Sqrt(architecture.OutputDecay * architecture.LayerDecays[0]));
        if (uniform && architecture.Depth >= 2)
        {
            int depth = architecture.Depth, width = architecture.Widths[0];
            double sigma2 = architecture.NoiseVariances[0], gamma = architecture.OutputDecay;
            WriteNumberOrNull(json, "eq14ExistenceSignal", Math.Exp(0.5 * UniformNetwork.LogExistenceSignalSquared(depth, width, sigma2, gamma, data.AMin)));
            WriteNumberOrNull(json, "eq15ExistenceSignal", Math.Exp(0.5 * UniformNetwork.LogExistenceSignalSquared(depth, width, sigma2, gamma, data.AMax)));
            WriteNumberOrNull(json, "eq18GlobalSignal", Math.Exp(0.5 * UniformNetwork.LogNontrivialGlobalSignalSquared(depth, width, sigma2, gamma, data.AMax)));
        }
        json.WriteEndObject();
    }

    /// <summary>n values from <paramref name="low"/> to <paramref name="high"/>, evenly spaced in log. Rules: 2 ≤ n ≤ 400, 0 &lt; low &lt; high, finite.</summary>
    public static double[] Axis(double low, double high, int count, string name)
    {
        if (count < 2 || count > 400) throw new ArgumentException($"{name} axis must have 2 to 400 points, got {count}", name);
        if (!(low > 0 && high > low && double.IsFinite(high))) throw new ArgumentException($"{name} axis must run from a low end > 0 to a finite higher end, got {low} to {high}", name);
        return Enumerable.Range(0, count).Select(i => Math.Exp(Math.Log(low) + (Math.Log(high) - Math.Log(low)) * i / (count - 1))).ToArray();
    }

    public static void WriteArray(Utf8JsonWriter json, string name, IEnumerable<double> values)
    {
        json.WriteStartArray(name);
        foreach (double v in values) json.WriteNumberValue(v);
        json.WriteEndArray();
    }

    public static void WriteNumberOrNull(Utf8JsonWriter json, string? name, double value)
    {
        if (name is not null) json.WritePropertyName(name);
        if (double.IsNormal(value)) json.WriteNumberValue(value);
        else json.WriteNullValue();
    }

    public static void WriteLog10OrNull(Utf8JsonWriter json, string name, double? log)
    {
        if (log is { } l) json.WriteNumber(name, l / Math.Log(10));
        else json.WriteNull(name);
    }
}
