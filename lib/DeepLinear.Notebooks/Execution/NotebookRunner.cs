using DeepLinear.Notebooks.Ipynb;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using System.Diagnostics;

namespace DeepLinear.Notebooks.Execution;

/// <summary>
/// Executes Polyglot C# notebooks headlessly with the C# kernel's semantics: one Roslyn script state per
/// notebook, cells in order, markdown kept, outputs captured as nbformat outputs. The first exception or a cell
/// past its time limit stops the notebook (as papermill does); later cells keep no outputs.
/// </summary>
public sealed class NotebookRunner(RunnerOptions? options = null)
{
    readonly RunnerOptions _options = options ?? new RunnerOptions();

    /// <summary>Runs the notebook at <paramref name="path"/>; <paramref name="parameters"/> override the <c>parameters</c> cell's defaults.</summary>
    public async Task<NotebookResult> RunAsync(string path, IReadOnlyDictionary<string, string>? parameters = null, CancellationToken cancellationToken = default)
    {
        ConsoleCapture.Install();
        Formatting.EnsureRegistered();
        var clock = Stopwatch.StartNew();
        var notebookPath = Path.GetFullPath(path);
        var overrides = parameters ?? new Dictionary<string, string>();
        Notebook source;
        try
        {
            source = Notebook.Load(notebookPath);
        }
        catch (Exception e) when (e is NotebookFormatException or IOException or UnauthorizedAccessException)
        {
            throw new NotebookFormatException(notebookPath, e.Message);
        }
        var executed = source.Clone();
        var codeIndex = 0;
        var session = new Session(notebookPath, _options, cancellationToken);

        var roles = new List<CellRole>();
        for (var i = 0; i < source.Cells.Count; i++)
        {
            try
            {
                roles.Add(CellLanguage.RoleOf(source.Cells[i], source.DefaultKernelName, i + 1, notebookPath));
            }
            catch (UnsupportedKernelException e)
            {
                return Stop(new NotebookFailure(notebookPath, i + 1, null, null, "UnsupportedKernel", e.Message));
            }
        }
        var codeCells = roles.Count(r => r == CellRole.CSharp);
        for (var i = 0; i < roles.Count; i++)
            if (roles[i] == CellRole.CSharp) executed.Cells[i].ClearOutputs();
        var parametersCell = source.Cells.Select((c, i) => (c, i)).FirstOrDefault(x => roles[x.i] == CellRole.CSharp && x.c.Tags.Contains(Parameters.Tag)).c;
        if (overrides.Count > 0 && parametersCell is null)
            return Stop(new NotebookFailure(notebookPath, 0, null, null, "ParameterError",
                $"parameters {string.Join(", ", overrides.Keys)} were given, but no code cell is tagged '{Parameters.Tag}'"));

        var offset = 0;
        for (var i = 0; i < source.Cells.Count; i++)
        {
            if (roles[i] != CellRole.CSharp) continue;
            var cell = executed.Cells[i + offset];
            var failure = await session.RunCellAsync(cell, i + 1, ++codeIndex, codeCells);
            if (failure is not null) return Stop(failure);
            if (overrides.Count > 0 && ReferenceEquals(source.Cells[i], parametersCell))
            {
                string injected;
                try
                {
                    injected = Parameters.InjectedSource(overrides, session.VariableType);
                }
                catch (ArgumentException e)
                {
                    return Stop(new NotebookFailure(notebookPath, i + 1, null, null, "ParameterError", e.Message));
                }
                var injectedCell = NotebookCell.NewCode(injected, Parameters.InjectedTag);
                executed.InsertCell(i + offset + 1, injectedCell);
                offset++;
                failure = await session.RunCellAsync(injectedCell, i + 1, codeIndex, codeCells, injected: true);
                if (failure is not null) return Stop(failure);
            }
        }
        return Finish(null);

        NotebookResult Stop(NotebookFailure failure) => Finish(failure);

        NotebookResult Finish(NotebookFailure? failure)
        {
            var result = new NotebookResult(notebookPath, executed, roles.Count(r => r == CellRole.CSharp), codeIndex, clock.Elapsed, failure);
            RunRecord.Write(executed, result, overrides);
            return result;
        }
    }

    /// <summary>The script state and options of one notebook while it runs.</summary>
    sealed class Session(string notebookPath, RunnerOptions options, CancellationToken cancellationToken)
    {
        static readonly System.Collections.Concurrent.ConcurrentDictionary<string, MetadataReference> MetadataReferences = new();
        readonly string _folder = Path.GetDirectoryName(notebookPath)!;
        ScriptOptions _scriptOptions = ScriptDefaults.Create();
        ScriptState<object>? _state;

        public int ExecutionCount { get; private set; }

        public Type? VariableType(string name) => _state?.GetVariable(name)?.Type;

        public async Task<NotebookFailure?> RunCellAsync(NotebookCell cell, int cellNumber, int codeIndex, int codeCount, bool injected = false)
        {
            var clock = Stopwatch.StartNew();
            var source = cell.Source;
            var cellFile = $"{notebookPath}#cell{cellNumber}{(injected ? "-injected" : "")}";
            var outputs = new CellOutputs();
            var executionCount = ++ExecutionCount;
            NotebookFailure? failure;
            try
            {
                var parsed = Directives.Parse(source);
                AddReferences(parsed.References);
                var run = Execute(parsed.Code, _scriptOptions.WithFilePath(cellFile), outputs);
                using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var finished = await Task.WhenAny(run, Task.Delay(options.CellTimeout, timer.Token));
                timer.Cancel();
                if (finished != run)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    throw new TimeoutException($"the cell ran longer than the time limit of {options.CellTimeout.TotalSeconds:0.###} s and was stopped");
                }
                _state = await run;
                if (_state.ReturnValue is { } value and not DisplayedValue)
                    outputs.Result(MimeBundle.From(value, []), executionCount);
                failure = null;
            }
            catch (TimeoutException e)
            {
                failure = new NotebookFailure(notebookPath, cellNumber, null, null, "CellTimeout", e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failure = CellFailure.From(e, notebookPath, cellNumber, cellFile, source);
            }
            outputs.Close();
            if (injected && failure is not null) failure = failure with { Message = "in the injected-parameters cell after it: " + failure.Message };
            if (failure is not null) outputs.Error(failure.ErrorType, failure.Message, failure.Report.Split('\n'));
            cell.SetOutputs(outputs.Snapshot(), executionCount);
            options.OnCellFinished?.Invoke(new CellProgress(notebookPath, cellNumber, codeIndex, codeCount, clock.Elapsed, failure is null, injected));
            return failure;
        }

        void AddReferences(IReadOnlyList<ReferenceDirective> references)
        {
            foreach (var reference in references)
            {
                var files = reference switch
                {
                    NuGetReference nuget => PackageCatalog.Current.Resolve(nuget),
                    AssemblyReference assembly => [AssemblyPaths.Resolve(assembly, _folder)],
                    _ => throw new InvalidOperationException($"unknown directive {reference}"),
                };
                foreach (var file in files) AssemblyPaths.LoadIntoDefaultContext(file);
                _scriptOptions = _scriptOptions.AddReferences(files.Select(f => MetadataReferences.GetOrAdd(f, p => MetadataReference.CreateFromFile(p))));
            }
        }

        /// <summary>Compiles and runs the code on its own thread, with the cell's outputs as the current sink.</summary>
        Task<ScriptState<object>> Execute(string code, ScriptOptions scriptOptions, CellOutputs outputs)
        {
            var previous = _state;
            return Task.Factory.StartNew(() =>
            {
                CurrentCell.Outputs = outputs;
                return previous is null
                    ? CSharpScript.RunAsync(code, scriptOptions, cancellationToken: cancellationToken)
                    : previous.ContinueWithAsync(code, scriptOptions, cancellationToken);
            }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        }
    }
}
