using DeepLinear.Notebooks.Ipynb;

namespace DeepLinear.Notebooks.Execution;

/// <summary>How a notebook run went: the executed copy (with outputs), timing, and the failure if any.</summary>
public sealed record NotebookResult(string Path, Notebook Executed, int CodeCells, int ExecutedCells, TimeSpan Elapsed, NotebookFailure? Failure)
{
    /// <summary>True when every code cell ran without an exception or timeout.</summary>
    public bool Succeeded => Failure is null;
}

/// <summary>
/// Why a notebook stopped: the cell (1-based, counted over all cells of the file as written), the line within it
/// and that line's source when known, and the exception (or time limit) that stopped it.
/// </summary>
public sealed record NotebookFailure(string NotebookPath, int CellNumber, int? Line, string? SourceLine, string ErrorType, string Message)
{
    /// <summary>The human-readable report: <c>path: cell N, line L: source</c> then <c>ErrorType: message</c>.</summary>
    public string Report
    {
        get
        {
            var where = CellNumber > 0 ? $"cell {CellNumber}" : "before the first cell";
            if (Line is { } line) where += $", line {line}";
            if (!string.IsNullOrWhiteSpace(SourceLine)) where += $": {SourceLine.Trim()}";
            return $"{NotebookPath}: {where}\n  {ErrorType}: {Message}";
        }
    }
}

/// <summary>Progress of a run, reported after each code cell (<paramref name="Injected"/>: the injected-parameters cell after cell <paramref name="CellNumber"/>).</summary>
public sealed record CellProgress(string NotebookPath, int CellNumber, int CodeCellIndex, int CodeCellCount, TimeSpan Elapsed, bool Succeeded, bool Injected);
