using System.Text.Json.Nodes;
using DeepLinear.Notebooks.Ipynb;

namespace DeepLinear.Notebooks.Tests;

/// <summary>Reading outputs of executed cells in assertions (nbformat stores text as a string or a list of lines).</summary>
public static class Outputs
{
    /// <summary>The outputs of the cell with the given 1-based number.</summary>
    public static IReadOnlyList<JsonObject> Of(Notebook notebook, int cellNumber) => notebook.Cells[cellNumber - 1].Outputs;

    /// <summary>The <c>output_type</c> of each output.</summary>
    public static string[] Types(IEnumerable<JsonObject> outputs) => outputs.Select(o => o["output_type"]!.GetValue<string>()).ToArray();

    /// <summary>The data of <paramref name="mime"/> in an output, as text (JSON data as its JSON).</summary>
    public static string Data(JsonObject output, string mime) => output["data"]?[mime] switch
    {
        null => throw new KeyNotFoundException($"output has no {mime}: {output.ToJsonString()}"),
        var node => Joined(node),
    };

    /// <summary>The text of a stream output.</summary>
    public static string Text(JsonObject output) => Joined(output["text"] ?? throw new KeyNotFoundException($"output has no text: {output.ToJsonString()}"));

    /// <summary>All error outputs of the notebook, as <c>cell N: ename: evalue</c>.</summary>
    public static IEnumerable<string> Errors(Notebook notebook) =>
        notebook.Cells.SelectMany((c, i) => c.Outputs.Where(o => o["output_type"]?.GetValue<string>() == "error")
            .Select(o => $"cell {i + 1}: {o["ename"]}: {o["evalue"]}"));

    static string Joined(JsonNode node) => node switch
    {
        JsonValue v => v.GetValue<string>(),
        JsonArray lines when lines.All(l => l is JsonValue) => string.Concat(lines.Select(l => l!.GetValue<string>())),
        _ => node.ToJsonString(),
    };
}
