using DeepLinear.Notebooks.Ipynb;

namespace DeepLinear.Notebooks.Execution;

/// <summary>
/// How a notebook run went: the executed copy (with outputs), how many of its code cells ran, the time of the whole
/// run and of the kernel's start within it (null when no kernel started), and the failure if any.
/// </summary>
public sealed record NotebookResult(string Path, Notebook Executed, int CodeCells, int ExecutedCells, TimeSpan Elapsed, TimeSpan? KernelStart, NotebookFailure? Failure)
{
    /// <summary>True when every code cell ran without an error, a timeout or a kernel crash.</summary>
    public bool Succeeded => Failure is null;
}

/// <summary>
/// Why a notebook stopped: the cell (1-based, counted over all cells of the file as written), the line within it
/// and that line's source when known, what stopped it, and the parameters the run set (named in the report, as a
/// value the notebook was not written for is a likely cause).
/// </summary>
public sealed record NotebookFailure(string NotebookPath, int CellNumber, int? Line, string? SourceLine, string ErrorType, string Message)
{
    /// <summary>The overrides of the run that failed (empty when it ran with the notebook's defaults).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>The human-readable report: <c>path: cell N, line L: source</c>, then <c>ErrorType: message</c>, then the run's parameters if any.</summary>
    public string Report
    {
        get
        {
            var where = CellNumber > 0 ? $"cell {CellNumber}" : "before the first cell";
            if (Line is { } line) where += $", line {line}";
            if (!string.IsNullOrWhiteSpace(SourceLine)) where += $": {SourceLine.Trim()}";
            var report = $"{NotebookPath}: {where}\n  {ErrorType}: {Message}";
            return Parameters.Count == 0 ? report : report + $"\n  parameters of this run: {string.Join(", ", Parameters.Select(p => $"{p.Key}={p.Value}"))}";
        }
    }
}
