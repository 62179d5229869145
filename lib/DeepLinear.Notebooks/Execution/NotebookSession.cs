using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using DeepLinear.Notebooks.Ipynb;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;

namespace DeepLinear.Notebooks.Execution;

/// <summary>
/// The script state and options of one notebook while it runs: one Roslyn submission per cell, each on its own
/// thread with the cell's outputs as the current sink, and abandoned if it outlives the time limit.
/// </summary>
internal sealed class NotebookSession(string notebookPath, RunnerOptions options, CancellationToken cancellationToken)
{
    static readonly ConcurrentDictionary<string, MetadataReference> MetadataReferences = new();
    static readonly object CompileGate = new();
    readonly string _folder = Path.GetDirectoryName(notebookPath)!;
    ScriptOptions _scriptOptions = ScriptDefaults.Create();
    ScriptState<object>? _state;
    readonly List<(NotebookCell Cell, CellOutputs Outputs, int ExecutionCount)> _ran = [];

    /// <summary>The execution count of the last cell run (injected cells count too, as in the executed file).</summary>
    public int ExecutionCount { get; private set; }

    /// <summary>The type of a script variable declared so far, or null.</summary>
    public Type? VariableType(string name) => _state?.GetVariable(name)?.Type;

    /// <summary>
    /// Runs one C# cell and stores its outputs and execution count in <paramref name="cell"/>; returns the failure
    /// (exception, compile error, unserved directive, time limit) or null. <paramref name="cellNumber"/> is 1-based in the file as written.
    /// </summary>
    public async Task<NotebookFailure?> RunCellAsync(NotebookCell cell, int cellNumber, int codeIndex, int codeCount, bool injected = false)
    {
        var clock = Stopwatch.StartNew();
        var source = cell.Source;
        var cellFile = $"{notebookPath}#cell{cellNumber}{(injected ? "-injected" : "")}";
        var outputs = new CellOutputs();
        var executionCount = ++ExecutionCount;
        NotebookFailure? failure = null;
        try
        {
            var parsed = Directives.Parse(source);
            AddReferences(parsed.References);
            var run = Execute(parsed.Code, _scriptOptions.WithFilePath(cellFile), outputs);
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var finished = await Task.WhenAny(run, Task.Delay(options.CellTimeout, timer.Token));
            timer.Cancel();
            cancellationToken.ThrowIfCancellationRequested();
            if (finished == run)
            {
                (_state, var hasTrailingValue) = await run;
                if (hasTrailingValue && _state.ReturnValue is not DisplayedValue)
                    outputs.Result(MimeBundle.From(_state.ReturnValue, []), executionCount);
            }
            else
            {
                outputs.Abandon();
                failure = new NotebookFailure(notebookPath, cellNumber, null, null, "CellTimeout",
                    $"the cell ran longer than the time limit of {options.CellTimeout.TotalSeconds:0.###} s and was stopped");
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            failure = CellFailure.From(e, notebookPath, cellNumber, cellFile, source);
        }
        outputs.Close();
        if (injected && failure is not null) failure = failure with { Message = "in the injected-parameters cell after it: " + failure.Message };
        if (failure is not null) outputs.Error(failure.ErrorType, failure.Message, failure.Report.Split('\n'));
        _ran.Add((cell, outputs, executionCount));
        cell.SetOutputs(outputs.Snapshot(), executionCount);
        options.OnCellFinished?.Invoke(new CellProgress(notebookPath, cellNumber, codeIndex, codeCount, clock.Elapsed, failure is null, injected));
        return failure;
    }

    /// <summary>Writes every run cell's outputs again, taking in display updates made from later cells.</summary>
    public void FlushOutputs()
    {
        foreach (var (cell, outputs, executionCount) in _ran) cell.SetOutputs(outputs.Snapshot(), executionCount);
    }

    /// <summary>True when the submission ends in an expression without <c>;</c> whose type is not void (the kernel shows its value, null included).</summary>
    static bool HasTrailingValue(Compilation compilation)
    {
        var tree = compilation.SyntaxTrees.Single();
        if (tree.GetRoot() is not CompilationUnitSyntax unit
            || unit.Members.LastOrDefault() is not GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } statement })
            return false;
        var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
        return type is not null && type.SpecialType != SpecialType.System_Void;
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

    /// <summary>
    /// Compiles the code, then runs it on its own thread with the cell's outputs as the current sink. Compilation
    /// (and the binding that decides whether there is a trailing value) is serialised across the process: notebooks
    /// running concurrently (as tests do) once produced a spurious CS0121 ambiguity between two symbols of the same
    /// referenced assembly, and compiling one cell at a time costs nothing in the sequential CLI.
    /// </summary>
    Task<(ScriptState<object> State, bool HasTrailingValue)> Execute(string code, ScriptOptions scriptOptions, CellOutputs outputs)
    {
        var previous = _state;
        return Task.Factory.StartNew(async () =>
        {
            CurrentCell.Outputs = outputs;
            var script = previous is null ? CSharpScript.Create(code, scriptOptions) : previous.Script.ContinueWith(code, scriptOptions);
            bool hasTrailingValue;
            lock (CompileGate)
            {
                var errors = script.Compile(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
                if (errors.Length > 0) throw new CompilationErrorException(errors[0].ToString(), errors);
                hasTrailingValue = HasTrailingValue(script.GetCompilation());
            }
            var state = previous is null
                ? await script.RunAsync(globals: null, cancellationToken)
                : await script.RunFromAsync(previous, cancellationToken);
            return (state, hasTrailingValue);
        }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }
}
