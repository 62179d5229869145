namespace DeepLinear.Notebooks.Execution;

/// <summary>Something that happened while a notebook ran, reported through <see cref="RunnerOptions.OnProgress"/>.</summary>
public abstract record RunProgress(string NotebookPath);

/// <summary>The notebook's kernel answered, <paramref name="Elapsed"/> after the run began.</summary>
public sealed record KernelStarted(string NotebookPath, TimeSpan Elapsed) : RunProgress(NotebookPath);

/// <summary>
/// A code cell began. <paramref name="CellNumber"/> is 1-based over the file's cells as written;
/// <paramref name="Injected"/>: it is the injected-parameters cell after that cell.
/// </summary>
public sealed record CellStarted(string NotebookPath, int CellNumber, bool Injected) : RunProgress(NotebookPath);

/// <summary>The running cell displayed or updated an output; <paramref name="Text"/> is its last line of text.</summary>
public sealed record CellOutput(string NotebookPath, int CellNumber, bool Injected, string Text) : RunProgress(NotebookPath);

/// <summary>
/// A code cell ended after <paramref name="Elapsed"/>; <paramref name="CodeCellIndex"/> of <paramref name="CodeCellCount"/>
/// counts the notebook's own code cells (the injected cell shares its parameters cell's index).
/// </summary>
public sealed record CellFinished(string NotebookPath, int CellNumber, bool Injected, int CodeCellIndex, int CodeCellCount, TimeSpan Elapsed, bool Succeeded)
    : RunProgress(NotebookPath);

/// <summary>
/// The notebook failed before its first cell (its kernel did not start, the kernel's setup failed, or the driver
/// broke) for <paramref name="Reason"/>; the runner starts a fresh kernel once.
/// </summary>
public sealed record KernelRetried(string NotebookPath, string Reason) : RunProgress(NotebookPath);
