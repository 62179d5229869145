using System.Diagnostics;
using System.Text.Json.Nodes;
using DeepLinear.Notebooks.Ipynb;

namespace DeepLinear.Notebooks.Execution;

/// <summary>
/// Executes notebooks in the real .NET Interactive kernel (the pinned <c>dotnet-interactive</c> tool behind the
/// repository's kernelspec), each in its own kernel process driven by Debian's nbclient, papermill-style: cells in
/// order, the first error, a cell past its time limit or a crash of the kernel stops the notebook, later cells keep no
/// outputs. <see cref="Prepare"/> does everything that can fail before a kernel starts; <see cref="ExecuteAsync"/> is a
/// function of the prepared notebook alone (one kernel, nothing shared), so runs may go in parallel and a cache may wrap it.
/// </summary>
public sealed class NotebookRunner(RunnerOptions? options = null)
{
    readonly RunnerOptions _options = options ?? new RunnerOptions();

    /// <summary>Reads and prepares the notebook at <paramref name="path"/>, then executes it.</summary>
    public Task<NotebookResult> RunAsync(string path, IReadOnlyDictionary<string, string>? parameters = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(Prepare(path, parameters ?? new Dictionary<string, string>()), cancellationToken);

    /// <summary>
    /// Reads <paramref name="path"/> and applies <paramref name="parameters"/>: an unreadable file is a
    /// <see cref="NotebookFormatException"/>, a parameter that does not fit the notebook a <see cref="ParameterException"/>.
    /// </summary>
    public static PreparedNotebook Prepare(string path, IReadOnlyDictionary<string, string> parameters)
    {
        Notebook source;
        try
        {
            source = Notebook.Load(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NotebookFormatException(Path.GetFullPath(path), e.Message);
        }
        return PreparedNotebook.Prepare(source, parameters);
    }

    /// <summary>
    /// Runs <paramref name="prepared"/> in a fresh kernel and returns the executed notebook (sources and notebook metadata
    /// as written, outputs as the kernel produced them through Jupyter) with its run record. Everything that goes
    /// wrong in the notebook is reported in <see cref="NotebookResult.Failure"/>; a missing engine piece is an
    /// <see cref="EngineUnavailableException"/>.
    /// </summary>
    public async Task<NotebookResult> ExecuteAsync(PreparedNotebook prepared, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        if (prepared.Rejection is { } rejection)
            return Finish(prepared, Restore(prepared, null), 0, clock.Elapsed, null, rejection with { Parameters = prepared.Parameters });
        var progress = new ProgressEvents(prepared, _options.OnProgress, clock);
        var driver = new JupyterDriver(KernelHome.Current, _options);
        var outcome = await driver.RunAsync(prepared, progress.Handle, cancellationToken);
        var executed = Restore(prepared, outcome.Executed);
        var failure = KernelFailure.From(outcome.Status, prepared, executed, _options.CellTimeout);
        // A failure before the first cell (the kernel did not start, its setup failed, or the driver itself broke) is
        // not the notebook's, so a fresh kernel is started once: one full run in six ended this way on 2026-12-01
        // and passed when repeated. The retry is reported; a second such failure says it was the second.
        if (failure is { CellNumber: 0 })
        {
            _options.OnProgress?.Invoke(new KernelRetried(prepared.Source.Path, $"{failure.ErrorType}: {failure.Message.Split('\n')[0]}"));
            outcome = await driver.RunAsync(prepared, progress.Handle, cancellationToken);
            executed = Restore(prepared, outcome.Executed);
            failure = KernelFailure.From(outcome.Status, prepared, executed, _options.CellTimeout);
            if (failure is { CellNumber: 0 })
                failure = failure with { Message = "failed twice before the first cell (a fresh kernel was started once); the second time: " + failure.Message };
        }
        if (failure is { ErrorType: "EngineError" } && outcome.Stderr.Trim().Length > 0)
            failure = failure with { Message = failure.Message + "; driver stderr: " + outcome.Stderr.Trim().Split('\n')[^1] };
        var index = outcome.Status["cell_index"]?.GetValue<int>();
        if (failure is { ErrorType: "CellTimeout" or "KernelDied" } && index is { } i)
            AddError(executed.Cells[i], failure);
        var ran = (outcome.Status["cells"] as JsonArray)?.Count(c => c?["index"]?.GetValue<int>() != prepared.InjectedIndex) ?? 0;
        var kernelStart = outcome.Status["startup_seconds"]?.GetValue<double>() is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        return Finish(prepared, executed, ran, clock.Elapsed, kernelStart, failure);
    }

    static NotebookResult Finish(PreparedNotebook prepared, Notebook executed, int ran, TimeSpan elapsed, TimeSpan? kernelStart, NotebookFailure? failure)
    {
        var result = new NotebookResult(prepared.Source.Path, executed, prepared.CodeCells, ran, elapsed, kernelStart, failure);
        RunRecord.Write(executed, result, prepared.Parameters);
        return result;
    }

    /// <summary>
    /// The executed notebook: the kernel's cells (outputs, execution counts, nbclient's timing metadata) with each
    /// cell's source and the notebook's metadata put back as written (the kernel saw cells with their kernel magics).
    /// </summary>
    static Notebook Restore(PreparedNotebook prepared, JsonObject? kernelOutput)
    {
        var executed = kernelOutput is null ? prepared.KernelInput.Clone() : Notebook.FromJson(kernelOutput, prepared.Source.Path);
        executed.ReplaceMetadata((JsonObject)prepared.Source.Metadata.DeepClone());
        for (var i = 0; i < executed.Cells.Count; i++)
        {
            if (i == prepared.InjectedIndex) continue;
            executed.Cells[i].Json["source"] = prepared.Source.Cells[prepared.CellNumbers[i] - 1].Json["source"]?.DeepClone();
        }
        return executed;
    }

    /// <summary>Records a stop the kernel could not report itself (time limit, crash) as the cell's error output, as nbformat writes errors.</summary>
    static void AddError(NotebookCell cell, NotebookFailure failure)
    {
        var outputs = cell.Outputs.Select(o => (JsonObject)o.DeepClone()).Append(new JsonObject
        {
            ["output_type"] = "error",
            ["ename"] = failure.ErrorType,
            ["evalue"] = failure.Message,
            ["traceback"] = new JsonArray(failure.Report.Split('\n').Select(l => (JsonNode)l).ToArray()),
        });
        cell.Json["outputs"] = new JsonArray(outputs.Select(o => (JsonNode)o).ToArray());
    }
}
