using DeepLinear.Interactive;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Formatting;

namespace DeepLinear.Notebooks.Execution;

/// <summary>
/// Turns a value into an nbformat MIME bundle through <see cref="Formatter"/>, as the C# kernel does:
/// the requested MIME types, else the type's preferred ones plus <c>text/plain</c>.
/// </summary>
public static class MimeBundle
{
    /// <summary>
    /// Formats <paramref name="value"/> for each MIME type; JSON MIME types are stored as JSON. A string with explicit
    /// MIME types is taken as already formatted (<c>display("&lt;b&gt;x&lt;/b&gt;", "text/html")</c>), as in the kernel.
    /// </summary>
    public static JsonObject From(object? value, IReadOnlyCollection<string> mimeTypes)
    {
        ChartFormatting.EnsureRegistered();
        var bundle = new JsonObject();
        if (value is null)
        {
            bundle["text/plain"] = Formatter.NullString;
            return bundle;
        }
        if (value is string raw && mimeTypes.Count > 0)
        {
            foreach (var mime in mimeTypes) bundle[mime] = IsJson(mime) ? ParseJsonOrString(raw) : raw;
            return bundle;
        }
        var types = mimeTypes.Count > 0
            ? mimeTypes
            : Formatter.GetPreferredMimeTypesFor(value.GetType()).Append("text/plain").Distinct().ToList();
        foreach (var mime in types)
        {
            var text = value.ToDisplayString(mime);
            bundle[mime] = IsJson(mime) ? ParseJsonOrString(text) : text;
        }
        return bundle;
    }

    /// <summary>nbformat stores <c>application/json</c> and <c>*+json</c> data as JSON, everything else as text.</summary>
    public static bool IsJson(string mime) => mime == "application/json" || mime.EndsWith("+json", StringComparison.Ordinal);

    static JsonNode? ParseJsonOrString(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return text;
        }
    }
}
