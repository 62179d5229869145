using System.Text.Json.Nodes;
using DeepLinear.Notebooks.Ipynb;

namespace DeepLinear.Notebooks.Tests;

/// <summary>Reading outputs of executed cells in assertions.</summary>
public static class Outputs
{
    /// <summary>The outputs of the cell with the given 1-based number.</summary>
    public static IReadOnlyList<JsonObject> Of(Notebook notebook, int cellNumber) => notebook.Cells[cellNumber - 1].Outputs;

    /// <summary>The <c>output_type</c> of each output.</summary>
    public static string[] Types(IEnumerable<JsonObject> outputs) => outputs.Select(o => o["output_type"]!.GetValue<string>()).ToArray();

    /// <summary>The data of <paramref name="mime"/> in an output, as text.</summary>
    public static string Data(JsonObject output, string mime) => output["data"]![mime] switch
    {
        JsonValue v => v.GetValue<string>(),
        JsonNode n => n.ToJsonString(),
        null => throw new KeyNotFoundException($"output has no {mime}: {output.ToJsonString()}"),
    };
}
