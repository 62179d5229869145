using System.Diagnostics;
using System.Text.Json.Nodes;

namespace DeepLinear.Notebooks.Execution;

/// <summary>
/// Turns the driver's progress lines (cells by their index in the kernel input) into <see cref="RunProgress"/>
/// events naming cells as the file numbers them, with the notebook's own code cells counted.
/// </summary>
internal sealed class ProgressEvents(PreparedNotebook prepared, Action<RunProgress>? sink, Stopwatch clock)
{
    readonly int[] _codeIndex = CodeIndexes(prepared);

    /// <summary>Handles one line of the driver's stdout.</summary>
    public void Handle(JsonObject e)
    {
        if (sink is null) return;
        var path = prepared.Source.Path;
        var index = e["index"]?.GetValue<int>() ?? -1;
        var known = index >= 0 && index < prepared.CellNumbers.Count;
        var number = known ? prepared.CellNumbers[index] : 0;
        var injected = index == prepared.InjectedIndex;
        switch (e["event"]?.GetValue<string>())
        {
            case "kernel_started":
                sink(new KernelStarted(path, clock.Elapsed));
                break;
            case "cell_started" when known:
                sink(new CellStarted(path, number, injected));
                break;
            case "output" when known:
                sink(new CellOutput(path, number, injected, e["text"]?.GetValue<string>() ?? ""));
                break;
            case "cell_finished" when known:
                sink(new CellFinished(path, number, injected, _codeIndex[index], prepared.CodeCells,
                    TimeSpan.FromSeconds(e["seconds"]?.GetValue<double>() ?? 0), e["status"]?.GetValue<string>() == "ok"));
                break;
        }
    }

    static int[] CodeIndexes(PreparedNotebook prepared)
    {
        var indexes = new int[prepared.KernelInput.Cells.Count];
        var count = 0;
        for (var i = 0; i < indexes.Length; i++)
        {
            if (i != prepared.InjectedIndex && PreparedNotebook.IsExecutable(prepared.KernelInput.Cells[i])) count++;
            indexes[i] = count;
        }
        return indexes;
    }
}
