namespace DeepLinear.Notebooks.Execution;

/// <summary>Settings of a <see cref="NotebookRunner"/>.</summary>
public sealed record RunnerOptions
{
    /// <summary>The default per-cell time limit.</summary>
    public static readonly TimeSpan DefaultCellTimeout = TimeSpan.FromMinutes(10);

    /// <summary>How long one cell may run before it is stopped and the notebook fails with a time-limit report.</summary>
    public TimeSpan CellTimeout { get; init; } = DefaultCellTimeout;

    /// <summary>
    /// How long a cell past its limit gets to stop after the kernel is interrupted, before the kernel is killed. The
    /// .NET kernel does not stop running code when interrupted, so this is kept short.
    /// </summary>
    public TimeSpan InterruptGrace { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the kernel may take to start and answer (2-8 s on our machines; more on a cold NuGet cache).</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Called as the run goes: kernel started (or retried, after a failure before the first cell), each cell
    /// started, its latest displayed text, each cell finished.
    /// </summary>
    public Action<RunProgress>? OnProgress { get; init; }
}
