using System.Text.Json.Nodes;

namespace DeepLinear.Notebooks.Ipynb;

/// <summary>One cell of a notebook, a view over its JSON object.</summary>
public sealed class NotebookCell(JsonObject json)
{
    /// <summary>The underlying JSON object (written back as is, plus outputs).</summary>
    public JsonObject Json { get; } = json;

    /// <summary><c>code</c>, <c>markdown</c> or <c>raw</c>.</summary>
    public string CellType => Json["cell_type"]?.GetValue<string>() ?? "";

    /// <summary>The cell's text; nbformat stores it as a string or a list of lines.</summary>
    public string Source => Json["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>())),
        JsonValue v => v.GetValue<string>(),
        _ => "",
    };

    /// <summary>The cell's metadata object (created when absent).</summary>
    public JsonObject Metadata => Json["metadata"] as JsonObject ?? (JsonObject)(Json["metadata"] = new JsonObject());

    /// <summary>The cell's tags (<c>metadata.tags</c>).</summary>
    public IReadOnlyList<string> Tags =>
        (Metadata["tags"] as JsonArray)?.Select(t => t?.GetValue<string>() ?? "").ToList() ?? [];

    /// <summary>
    /// Polyglot's per-cell kernel (<c>metadata.polyglot_notebook.kernelName</c>, or <c>metadata.dotnet_interactive.language</c>
    /// in notebooks written by older .NET Interactive versions), when present.
    /// </summary>
    public string? PolyglotKernelName =>
        Metadata["polyglot_notebook"]?["kernelName"]?.GetValue<string>() ?? Metadata["dotnet_interactive"]?["language"]?.GetValue<string>();

    /// <summary>Replaces the outputs and execution count of a code cell.</summary>
    public void SetOutputs(IEnumerable<JsonObject> outputs, int? executionCount)
    {
        Json["outputs"] = new JsonArray(outputs.Select(o => (JsonNode)o.DeepClone()).ToArray());
        Json["execution_count"] = executionCount;
    }

    /// <summary>Clears outputs (a code cell that did not run).</summary>
    public void ClearOutputs() => SetOutputs([], null);

    /// <summary>The outputs currently stored in the cell.</summary>
    public IReadOnlyList<JsonObject> Outputs => (Json["outputs"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];

    /// <summary>A new Polyglot C# code cell with the given source and tags.</summary>
    public static NotebookCell NewCode(string source, params string[] tags) => new(new JsonObject
    {
        ["cell_type"] = "code",
        ["execution_count"] = null,
        ["metadata"] = new JsonObject
        {
            ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
            ["tags"] = new JsonArray(tags.Select(t => (JsonNode)t).ToArray()),
        },
        ["outputs"] = new JsonArray(),
        ["source"] = SourceLines(source),
    });

    /// <summary>Splits text into nbformat's list-of-lines form (each line keeps its newline).</summary>
    public static JsonArray SourceLines(string text)
    {
        var lines = new JsonArray();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
            if (text[i] == '\n') { lines.Add(text[start..(i + 1)]); start = i + 1; }
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }
}
