using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;

namespace DeepLinear.Cli;

/// <summary>
/// Reads the `solve` input contract:
/// {"inputCovariance": [[...]], "inputOutputCorrelation": [...], "outputSecondMoment": 1.0, "depth": 2,
///  "widths": [4, 4], "noiseVariances": [0.5, 0.5], "weightDecay": {"output": 0.01, "layers": [0.01, 0.01]}}.
/// Every structural error names the field; the numeric rules are the library's.
/// </summary>
public static class ProblemJson
{
    public static (DataStatistics Data, Architecture Architecture) Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new UsageException($"problem is not valid JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new UsageException("problem must be a JSON object");
            var known = new HashSet<string> { "inputCovariance", "inputOutputCorrelation", "outputSecondMoment", "depth", "widths", "noiseVariances", "weightDecay" };
            foreach (var property in root.EnumerateObject())
                if (!known.Contains(property.Name)) throw new UsageException($"unknown field '{property.Name}'; expected {string.Join(", ", known)}");

            var covarianceRows = Array(root, "inputCovariance");
            var covariance = new double[covarianceRows.Count][];
            for (int i = 0; i < covarianceRows.Count; i++)
                covariance[i] = Numbers(covarianceRows[i], $"inputCovariance[{i}]");
            int d = covariance.Length;
            for (int i = 0; i < d; i++)
                if (covariance[i].Length != d) throw new UsageException($"inputCovariance must be square: row {i} has {covariance[i].Length} entries, expected {d}");
            var exy = Numbers(Field(root, "inputOutputCorrelation"), "inputOutputCorrelation");
            double eyy = Number(Field(root, "outputSecondMoment"), "outputSecondMoment");
            int depth = Integer(Field(root, "depth"), "depth");
            var widths = Numbers(Field(root, "widths"), "widths").Select((w, k) => ToInteger(w, $"widths[{k}]")).ToArray();
            var noise = Numbers(Field(root, "noiseVariances"), "noiseVariances");
            var decay = Field(root, "weightDecay");
            if (decay.ValueKind != JsonValueKind.Object) throw new UsageException("weightDecay must be an object {\"output\": number, \"layers\": [numbers]}");
            foreach (var property in decay.EnumerateObject())
                if (property.Name is not ("output" or "layers")) throw new UsageException($"unknown field 'weightDecay.{property.Name}'; expected output, layers");
            double outputDecay = Number(Field(decay, "output", "weightDecay."), "weightDecay.output");
            var layerDecays = Numbers(Field(decay, "layers", "weightDecay."), "weightDecay.layers");

            if (d == 0) throw new UsageException("inputCovariance must have at least one row");
            var data = new DataStatistics(Matrix<double>.Build.DenseOfRowArrays(covariance), Vector<double>.Build.DenseOfArray(exy), eyy);
            return (data, new Architecture(depth, widths, noise, outputDecay, layerDecays));
        }
    }

    static JsonElement Field(JsonElement parent, string name, string prefix = "")
    {
        if (!parent.TryGetProperty(name, out var value)) throw new UsageException($"missing field '{prefix}{name}'");
        return value;
    }

    static List<JsonElement> Array(JsonElement parent, string name)
    {
        var value = Field(parent, name);
        if (value.ValueKind != JsonValueKind.Array) throw new UsageException($"{name} must be an array");
        return value.EnumerateArray().ToList();
    }

    static double[] Numbers(JsonElement value, string name)
    {
        if (value.ValueKind != JsonValueKind.Array) throw new UsageException($"{name} must be an array of numbers");
        return value.EnumerateArray().Select((e, i) => Number(e, $"{name}[{i}]")).ToArray();
    }

    static double Number(JsonElement value, string name)
    {
        if (value.ValueKind != JsonValueKind.Number) throw new UsageException($"{name} must be a number, got {value.ValueKind.ToString().ToLowerInvariant()}");
        double x = value.GetDouble();
        if (!double.IsFinite(x)) throw new UsageException($"{name} must be a finite number");
        return x;
    }

    static int Integer(JsonElement value, string name) => ToInteger(Number(value, name), name);

    static int ToInteger(double x, string name)
    {
        if (x != Math.Floor(x) || x < int.MinValue || x > int.MaxValue) throw new UsageException($"{name} must be an integer, got {x}");
        return (int)x;
    }
}
