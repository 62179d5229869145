using DeepLinear.Interactive;
using System.Diagnostics;
using DeepLinear.Notebooks.Ipynb;

namespace DeepLinear.Notebooks.Execution;

/// <summary>
/// Executes Polyglot C# notebooks headlessly with the C# kernel's semantics: one Roslyn script state per
/// notebook, cells in order, markdown kept, outputs captured as nbformat outputs. The first exception or a cell
/// past its time limit stops the notebook (as papermill does); later cells keep no outputs.
/// </summary>
public sealed class NotebookRunner(RunnerOptions? options = null)
{
    readonly RunnerOptions _options = options ?? new RunnerOptions();

    /// <summary>
    /// The working directory is process-wide, and a notebook runs in its own folder (as the Polyglot Notebooks extension
    /// sets the real kernel's working directory to the notebook's folder), so notebooks in one process run one at a time.
    /// </summary>
    static readonly SemaphoreSlim OneNotebookAtATime = new(1, 1);

    /// <summary>
    /// Runs the notebook at <paramref name="path"/>; <paramref name="parameters"/> override the defaults of its cell
    /// tagged <c>parameters</c>. An unreadable file is a <see cref="NotebookFormatException"/>; everything that goes
    /// wrong inside the notebook is reported in <see cref="NotebookResult.Failure"/>.
    /// </summary>
    public async Task<NotebookResult> RunAsync(string path, IReadOnlyDictionary<string, string>? parameters = null, CancellationToken cancellationToken = default)
    {
        var notebookPath = Path.GetFullPath(path);
        await OneNotebookAtATime.WaitAsync(cancellationToken);
        var previousDirectory = Environment.CurrentDirectory;
        try
        {
            if (Path.GetDirectoryName(notebookPath) is { } folder && Directory.Exists(folder)) Environment.CurrentDirectory = folder;
            return await RunInFolderAsync(notebookPath, parameters, cancellationToken);
        }
        finally
        {
            Environment.CurrentDirectory = previousDirectory;
            OneNotebookAtATime.Release();
        }
    }

    async Task<NotebookResult> RunInFolderAsync(string notebookPath, IReadOnlyDictionary<string, string>? parameters, CancellationToken cancellationToken)
    {
        ConsoleCapture.Install();
        ChartFormatting.EnsureRegistered();
        var clock = Stopwatch.StartNew();
        var overrides = parameters ?? new Dictionary<string, string>();
        var source = Load(notebookPath);
        var executed = source.Clone();
        var codeCellsRun = 0;

        var failure = Plan(source, overrides, out var roles, out var parametersCell);
        var codeCells = roles.Count(r => r == CellRole.CSharp);
        if (failure is null)
        {
            for (var i = 0; i < roles.Count; i++)
                if (roles[i] == CellRole.CSharp) executed.Cells[i].ClearOutputs();
            var session = new NotebookSession(notebookPath, _options, cancellationToken);
            var offset = 0;
            for (var i = 0; i < source.Cells.Count && failure is null; i++)
            {
                if (roles[i] != CellRole.CSharp) continue;
                failure = await session.RunCellAsync(executed.Cells[i + offset], i + 1, ++codeCellsRun, codeCells);
                if (failure is null && overrides.Count > 0 && ReferenceEquals(source.Cells[i], parametersCell))
                {
                    failure = await InjectParametersAsync(session, executed, i, offset, overrides, codeCellsRun, codeCells);
                    offset++;
                }
            }
            session.FlushOutputs();
        }
        var result = new NotebookResult(notebookPath, executed, codeCells, codeCellsRun, clock.Elapsed, failure);
        RunRecord.Write(executed, result, overrides);
        return result;
    }

    static Notebook Load(string notebookPath)
    {
        try
        {
            return Notebook.Load(notebookPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NotebookFormatException(notebookPath, e.Message);
        }
    }

    /// <summary>Each cell's role, and the parameters cell; a cell in another kernel or overrides without a parameters cell fail here, before anything runs.</summary>
    static NotebookFailure? Plan(Notebook source, IReadOnlyDictionary<string, string> overrides, out List<CellRole> roles, out NotebookCell? parametersCell)
    {
        roles = [];
        parametersCell = null;
        NotebookFailure? unsupported = null;
        for (var i = 0; i < source.Cells.Count; i++)
        {
            try
            {
                roles.Add(CellLanguage.RoleOf(source.Cells[i], source.DefaultKernelName, i + 1, source.Path));
            }
            catch (UnsupportedKernelException e)
            {
                roles.Add(CellRole.Text);
                unsupported ??= new NotebookFailure(source.Path, i + 1, null, null, "UnsupportedKernel", e.Message);
            }
            if (parametersCell is null && roles[i] == CellRole.CSharp && source.Cells[i].Tags.Contains(Parameters.Tag))
                parametersCell = source.Cells[i];
        }
        if (unsupported is not null) return unsupported;
        if (overrides.Count > 0 && parametersCell is null)
            return new NotebookFailure(source.Path, 0, null, null, "ParameterError",
                $"parameters {string.Join(", ", overrides.Keys)} were given, but no code cell is tagged '{Parameters.Tag}'");
        return null;
    }

    /// <summary>Inserts and runs the <c>injected-parameters</c> cell after the parameters cell (source index <paramref name="index"/>).</summary>
    static async Task<NotebookFailure?> InjectParametersAsync(NotebookSession session, Notebook executed, int index, int offset,
        IReadOnlyDictionary<string, string> overrides, int codeIndex, int codeCells)
    {
        string injected;
        try
        {
            injected = Parameters.InjectedSource(overrides, session.VariableType);
        }
        catch (ArgumentException e)
        {
            return new NotebookFailure(executed.Path, index + 1, null, null, "ParameterError", e.Message);
        }
        var cell = NotebookCell.NewCode(injected, Parameters.InjectedTag);
        executed.InsertCell(index + offset + 1, cell);
        return await session.RunCellAsync(cell, index + 1, codeIndex, codeCells, injected: true);
    }
}
