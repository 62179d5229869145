using System.Text.Json;
using System.Text.RegularExpressions;
using MathNet.Numerics.LinearAlgebra;

namespace DeepLinear.Cli;

/// <summary>
/// Reads the problem contract of `solve`, `critical-decay` and `regime-grid`:
/// {"inputCovariance": [[...]], "inputOutputCorrelation": [...], "outputSecondMoment": 1.0, "depth": 2,
///  "widths": [4, 4], "noiseVariances": [0.5, 0.5], "weightDecay": {"output": 0.01, "layers": [0.01, 0.01]}},
/// or with "samples": "data.csv" (a <see cref="RegressionData"/> CSV, relative to the problem file, optional
/// "standardize": true) in place of the three statistics. Every error names the field and the rule; positions in
/// malformed JSON are 1-based. Given statistics must be realisable (<see cref="DataStatistics.RequireRealisable"/>).
/// </summary>
public static partial class ProblemJson
{
    static readonly string[] Statistics = ["inputCovariance", "inputOutputCorrelation", "outputSecondMoment"];
    static readonly string[] Known = [.. Statistics, "samples", "standardize", "depth", "widths", "noiseVariances", "weightDecay"];

    /// <summary>Reads the problem file at <paramref name="path"/>, or standard input for "-".</summary>
    public static (DataStatistics Data, Architecture Architecture) Read(string path)
    {
        if (path == "-") return Parse(Console.In.ReadToEnd(), "standard input", Directory.GetCurrentDirectory());
        if (Directory.Exists(path)) throw new UsageException($"problem file '{path}' is a folder; give the path of a .json file");
        if (!File.Exists(path)) throw new UsageException($"problem file '{path}' does not exist");
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read problem file '{path}': {e.Message}");
        }
        return Parse(json, path, Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Parses problem JSON; <paramref name="source"/> names it in errors, <paramref name="baseDirectory"/> resolves "samples".</summary>
    public static (DataStatistics Data, Architecture Architecture) Parse(string json, string source = "problem", string? baseDirectory = null)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new UsageException($"{source} is not valid JSON: line {e.LineNumber + 1}, column {e.BytePositionInLine + 1}: {JsonPosition().Replace(e.Message, "")}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new UsageException($"{source} must be a JSON object, got {Kind(root)}");
            var seen = new HashSet<string>();
            foreach (var property in root.EnumerateObject())
            {
                if (!Known.Contains(property.Name)) throw new UsageException($"unknown field '{property.Name}'; expected {string.Join(", ", Known)}");
                if (!seen.Add(property.Name)) throw new UsageException($"field '{property.Name}' appears twice");
            }
            var data = seen.Contains("samples") ? Samples(root, seen, baseDirectory ?? Directory.GetCurrentDirectory()) : GivenStatistics(root, seen);
            int depth = Integer(Field(root, "depth"), "depth");
            var widths = Numbers(Field(root, "widths"), "widths").Select((w, k) => ToInteger(w, $"widths[{k}]")).ToArray();
            var noise = Numbers(Field(root, "noiseVariances"), "noiseVariances");
            var decay = Field(root, "weightDecay");
            if (decay.ValueKind != JsonValueKind.Object) throw new UsageException("weightDecay must be an object {\"output\": number, \"layers\": [numbers]}");
            var decaySeen = new HashSet<string>();
            foreach (var property in decay.EnumerateObject())
            {
                if (property.Name is not ("output" or "layers")) throw new UsageException($"unknown field 'weightDecay.{property.Name}'; expected output, layers");
                if (!decaySeen.Add(property.Name)) throw new UsageException($"field 'weightDecay.{property.Name}' appears twice");
            }
            double outputDecay = Number(Field(decay, "output", "weightDecay."), "weightDecay.output");
            var layerDecays = Numbers(Field(decay, "layers", "weightDecay."), "weightDecay.layers");
            try
            {
                return (data, new Architecture(depth, widths, noise, outputDecay, layerDecays));
            }
            catch (ArgumentException e)
            {
                throw InFileTerms(e);
            }
        }
    }

    /// <summary>
    /// The problem file's field for a parameter of the core: <see cref="Architecture"/>'s outputDecay and
    /// layerDecays[k] are weightDecay.output and weightDecay.layers[k]; depth, widths[k] and noiseVariances[k], and
    /// <see cref="DataStatistics"/>'s inputCovariance, inputOutputCorrelation and outputSecondMoment, are spelt
    /// the same in both.
    /// </summary>
    public static string FieldOf(string parameter) => CoreParameter().Match(parameter) is { Success: true } m
        ? (m.Groups[1].Value == "outputDecay" ? "weightDecay.output" : "weightDecay.layers") + m.Groups[2].Value
        : parameter;

    /// <summary>
    /// An argument error of the core (a rule of <see cref="Architecture"/> or of the exact solver) as the CLI's
    /// one-line error: the parameter the core names is replaced by its field in the problem file.
    /// </summary>
    public static UsageException InFileTerms(ArgumentException e)
    {
        string message = Cli.Plain(e);
        if (e.ParamName is { } name && FieldOf(name) is var field && field != name)
        {
            int at = message.IndexOf(name, StringComparison.Ordinal);
            if (at >= 0) message = message[..at] + field + message[(at + name.Length)..];
        }
        return new UsageException(message);
    }

    static DataStatistics GivenStatistics(JsonElement root, HashSet<string> seen)
    {
        if (seen.Contains("standardize")) throw new UsageException("standardize applies only to 'samples'; given statistics are used as they are");
        var covarianceRows = Array(root, "inputCovariance", "a square array of rows (or give 'samples': a CSV file)");
        if (covarianceRows.Count == 0) throw new UsageException("inputCovariance must have at least one row");
        var covariance = new double[covarianceRows.Count][];
        for (int i = 0; i < covarianceRows.Count; i++)
            covariance[i] = Numbers(covarianceRows[i], $"inputCovariance[{i}]");
        int d = covariance.Length;
        for (int i = 0; i < d; i++)
            if (covariance[i].Length != d) throw new UsageException($"inputCovariance must be square: row {i} has {covariance[i].Length} entries, expected {d}");
        var exy = Numbers(Field(root, "inputOutputCorrelation"), "inputOutputCorrelation");
        double eyy = Number(Field(root, "outputSecondMoment"), "outputSecondMoment");
        var data = new DataStatistics(Matrix<double>.Build.DenseOfRowArrays(covariance), Vector<double>.Build.DenseOfArray(exy), eyy);
        data.RequireRealisable();
        return data;
    }

    static DataStatistics Samples(JsonElement root, HashSet<string> seen, string baseDirectory)
    {
        var given = Statistics.Where(seen.Contains).ToList();
        if (given.Count > 0) throw new UsageException($"give either 'samples' or the statistics, not both (found samples and {string.Join(", ", given)})");
        var samples = root.GetProperty("samples");
        if (samples.ValueKind != JsonValueKind.String || samples.GetString() is not { Length: > 0 } file)
            throw new UsageException($"samples must be the path of a CSV file (a string), got {Kind(samples)}");
        bool standardize = false;
        if (root.TryGetProperty("standardize", out var flag))
        {
            if (flag.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) throw new UsageException($"standardize must be true or false, got {Kind(flag)}");
            standardize = flag.GetBoolean();
        }
        string path = Path.Combine(baseDirectory, file);
        if (Directory.Exists(path)) throw new UsageException($"samples '{file}' is a folder; give the path of a CSV file");
        try
        {
            var set = RegressionData.Load(path);
            return (standardize ? set.Standardized() : set).Statistics();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or InvalidOperationException)
        {
            throw new UsageException($"samples: {e.Message}");
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"samples '{file}': {Cli.Plain(e)}");
        }
    }

    static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string {value.GetRawText()}",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => "null",
    };

    static JsonElement Field(JsonElement parent, string name, string prefix = "")
    {
        if (!parent.TryGetProperty(name, out var value)) throw new UsageException($"missing field '{prefix}{name}'");
        return value;
    }

    static List<JsonElement> Array(JsonElement parent, string name, string what)
    {
        var value = Field(parent, name);
        if (value.ValueKind != JsonValueKind.Array) throw new UsageException($"{name} must be {what}, got {Kind(value)}");
        return value.EnumerateArray().ToList();
    }

    static double[] Numbers(JsonElement value, string name)
    {
        if (value.ValueKind != JsonValueKind.Array) throw new UsageException($"{name} must be an array of numbers, got {Kind(value)}");
        return value.EnumerateArray().Select((e, i) => Number(e, $"{name}[{i}]")).ToArray();
    }

    static double Number(JsonElement value, string name)
    {
        if (value.ValueKind != JsonValueKind.Number) throw new UsageException($"{name} must be a number, got {Kind(value)}");
        if (!value.TryGetDouble(out double x) || !double.IsFinite(x)) throw new UsageException($"{name} = {value.GetRawText()} is beyond float64's range (±1.8e308)");
        return x;
    }

    static int Integer(JsonElement value, string name) => ToInteger(Number(value, name), name);

    static int ToInteger(double x, string name)
    {
        if (x != Math.Floor(x)) throw new UsageException($"{name} must be an integer, got {x}");
        if (Math.Abs(x) > int.MaxValue) throw new UsageException($"{name} must be an integer of at most {int.MaxValue} in size, got {x}");
        return (int)x;
    }

    [GeneratedRegex(@"^(outputDecay|layerDecays)(\[\d+\])?$")]
    private static partial Regex CoreParameter();

    [GeneratedRegex(@"\s*(Path: \S* \| )?LineNumber: \d+ \| BytePositionInLine: \d+\.$")]
    private static partial Regex JsonPosition();
}
