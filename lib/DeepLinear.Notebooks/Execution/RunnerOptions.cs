namespace DeepLinear.Notebooks.Execution;

/// <summary>Settings of a <see cref="NotebookRunner"/>.</summary>
public sealed record RunnerOptions
{
    /// <summary>The default per-cell time limit.</summary>
    public static readonly TimeSpan DefaultCellTimeout = TimeSpan.FromMinutes(10);

    /// <summary>How long one cell may run before the notebook is stopped with a time-limit report.</summary>
    public TimeSpan CellTimeout { get; init; } = DefaultCellTimeout;

    /// <summary>Called after each code cell (e.g. to print progress).</summary>
    public Action<CellProgress>? OnCellFinished { get; init; }
}
