using System.Text.Json.Nodes;
using DeepLinear.Notebooks.Ipynb;

namespace DeepLinear.Notebooks.Execution;

/// <summary>
/// Records how an executed notebook was produced in its metadata, <c>deeplinear.run</c> (as papermill records
/// <c>metadata.papermill</c>): status, seconds (of the whole run and of the kernel's start), cells run, the injected
/// parameters, the kernel that ran it and the failure report.
/// </summary>
public static class RunRecord
{
    /// <summary>Writes the record into <paramref name="executed"/>.</summary>
    public static void Write(Notebook executed, NotebookResult result, IReadOnlyDictionary<string, string> parameters)
    {
        var entry = executed.Metadata["deeplinear"] as JsonObject;
        if (entry is null) executed.Metadata["deeplinear"] = entry = new JsonObject();
        entry["run"] = new JsonObject
        {
            ["status"] = result.Succeeded ? "ok" : "failed",
            ["seconds"] = Math.Round(result.Elapsed.TotalSeconds, 3),
            ["kernel_start_seconds"] = result.KernelStart is { } start ? Math.Round(start.TotalSeconds, 3) : null,
            ["kernel"] = KernelHome.KernelName,
            ["cells_run"] = result.ExecutedCells,
            ["code_cells"] = result.CodeCells,
            ["parameters"] = new JsonObject(parameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
            ["failure"] = result.Failure?.Report,
        };
    }
}
