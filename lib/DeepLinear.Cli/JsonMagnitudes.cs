using System.Text.Json;

namespace DeepLinear.Cli;

/// <summary>
/// How the CLI writes numbers. A positive magnitude held as its natural logarithm (a scale B, a layer norm, a
/// decay) is written as a number when it is a normal float64 (2.2e-308 to 1.8e308) and as null otherwise, with its
/// base-10 logarithm beside it, so a scale that underflows is never shown as 0. Every other number must be finite.
/// </summary>
internal static class JsonMagnitudes
{
    /// <summary>e^<paramref name="log"/> as a number, or null outside float64's normal range.</summary>
    public static void WriteMagnitude(this Utf8JsonWriter json, string? name, double log)
    {
        double value = Math.Exp(log);
        if (name is not null) json.WritePropertyName(name);
        if (double.IsNormal(value)) json.WriteNumberValue(value);
        else json.WriteNullValue();
    }

    /// <summary>log₁₀ of a magnitude given by its natural logarithm (always finite for a nontrivial solution).</summary>
    public static void WriteLog10(this Utf8JsonWriter json, string? name, double log) => json.WriteFinite(name, log / Math.Log(10));

    /// <summary>A number that must be finite; anything else is a bug, reported as one.</summary>
    public static void WriteFinite(this Utf8JsonWriter json, string? name, double value)
    {
        if (!double.IsFinite(value)) throw new InvalidOperationException($"{name ?? "a number"} is {value}");
        if (name is not null) json.WritePropertyName(name);
        json.WriteNumberValue(value);
    }

    /// <summary>Writes the object built by <paramref name="body"/> as indented JSON text.</summary>
    public static string Document(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
