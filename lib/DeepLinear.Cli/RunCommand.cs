using System.Diagnostics;
using DeepLinear.Notebooks.Cache;
using DeepLinear.Notebooks.Execution;
using DeepLinear.Notebooks.Ipynb;
using DeepLinear.Notebooks.Site;

namespace DeepLinear.Cli;

/// <summary>
/// <c>deeplinear run [paths...] [--out DIR] [--param k=v]... [--test-parameters] [--timeout SECONDS] [-j N]</c>:
/// executes notebooks in the .NET Interactive kernel, each in its own kernel process (a folder means its *.ipynb in
/// name order; default <c>notebooks</c>), writes each executed notebook and its HTML page plus index.html and assets
/// into DIR (default <c>out</c>), prints a summary, and exits 1 when any notebook failed. Every argument, notebook
/// file and parameter is checked before the first kernel starts: a problem there exits 2.
/// </summary>
public static class RunCommand
{
    /// <summary>The one-line usage shown by <c>deeplinear --help</c>.</summary>
    public const string Summary = "run [paths...] [--out DIR] [--param k=v]... [--test-parameters] [--timeout SECONDS] [-j N] [--force] [--cache DIR]  execute notebooks in the .NET Interactive kernel, write executed .ipynb and an HTML site";

    /// <summary>The text of <c>deeplinear run --help</c>.</summary>
    public const string Help = """
        usage: deeplinear run [paths...] [--out DIR] [--param name=value]... [--test-parameters] [--timeout SECONDS] [-j N] [--force] [--cache DIR]

        Executes notebooks in the .NET Interactive kernel (the tool pinned in dotnet-tools.json, through the kernelspec
        in .jupyter/), each in its own kernel process, and writes for each the executed NAME.ipynb and NAME.html into
        DIR, plus index.html. A folder means its *.ipynb in name order; the default is notebooks.

          --out DIR            output folder (default: out)
          --param name=value   override a variable declared in the notebook's cell tagged 'parameters' (repeatable)
          --test-parameters    apply the reduced values in the notebook metadata deeplinear.test_parameters first
          --timeout SECONDS    per-cell time limit (default: 600); a cell past it is stopped and its kernel killed
          -j, --jobs N         notebooks to run at once, each in its own kernel (default: 2)
          --force              run every notebook, even those the execution cache could serve
          --cache DIR          the execution cache's folder (default: .cache/deeplinear-run at the repository root)
          -h, --help           show this text

        Execution cache (.cache/deeplinear-run/ at the repository root): a notebook whose code cells, parameters,
        libraries loaded by path, package pins, kernel and SDK, and the data files its code names are unchanged
        since its last successful run is not run again; its stored outputs are written with its current markdown.
        The summary says which notebooks were cached and why each other one ran.

        Exit codes: 0 every notebook ran; 1 a notebook failed (the report names notebook, cell and line);
        2 bad arguments, an unreadable notebook, a parameter the notebook does not declare, or a missing engine piece.
        """;

    /// <summary>The notebook-metadata entry holding reduced parameters for tests (<c>deeplinear.test_parameters</c>).</summary>
    public const string TestParametersKey = "test_parameters";

    /// <summary>Checks every argument and notebook, executes the notebooks and writes the site; the exit code follows <see cref="Cli"/>'s contract.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Any(a => a is "-h" or "--help"))
        {
            stdout.Write(Help);
            return Cli.Ok;
        }
        var arguments = RunArguments.Parse(args);
        var prepared = Prepare(arguments);
        try
        {
            _ = KernelHome.Current;
        }
        catch (EngineUnavailableException e)
        {
            throw new UsageException(e.Message);
        }
        Directory.CreateDirectory(arguments.Out);
        var home = KernelHome.Current;
        var cache = new ExecutionCache(arguments.Cache ?? Path.Combine(home.Root, ".cache", "deeplinear-run"));
        var sdk = SdkVersion(home.Root);
        var keys = prepared.Select(p => CacheKey.For(p.Source.Path, p.Parameters, home.Root, sdk)).ToArray();
        var reasons = new string[prepared.Count];
        var path = new ReadingPath(prepared.Select(p => new PathStop(Path.GetFileNameWithoutExtension(p.Source.Path), PageRenderer.Title(p.Source, Path.GetFileNameWithoutExtension(p.Source.Path)))).ToArray(),
            ReadingPath.CodespacesFor(home.Root));
        var terminal = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
        var results = new NotebookResult[prepared.Count];
        var clock = Stopwatch.StartNew();
        using (var printer = new RunProgressPrinter(stderr, terminal, nameEveryLine: arguments.Jobs > 1 && prepared.Count > 1))
        {
            var runner = new NotebookRunner(new RunnerOptions { CellTimeout = arguments.Timeout, OnProgress = printer.Report });
            var started = 0;
            var toRun = new List<int>();
            for (int i = 0; i < prepared.Count; i++)
            {
                var lookup = arguments.Force ? new CacheLookup(null, "--force") : cache.Find(prepared[i].Source.Path, keys[i]);
                reasons[i] = lookup.Reason;
                if (lookup.Hit)
                {
                    results[i] = Cached(prepared[i], lookup.ExecutedNotebook!);
                    SiteWriter.WriteNotebook(arguments.Out, results[i], path);
                }
                else toRun.Add(i);
            }
            Parallel.ForEachAsync(toRun, new ParallelOptions { MaxDegreeOfParallelism = arguments.Jobs }, async (i, token) =>
            {
                printer.NotebookStarted(Interlocked.Increment(ref started), toRun.Count, prepared[i].Source.Path);
                var result = await runner.ExecuteAsync(prepared[i], token);
                SiteWriter.WriteNotebook(arguments.Out, result, path);
                if (result.Succeeded) cache.StoreSucceeded(prepared[i].Source.Path, keys[i], result.Executed.ToJson());
                else cache.Forget(prepared[i].Source.Path);
                results[i] = result;
                printer.NotebookFinished(result);
            }).GetAwaiter().GetResult();
        }
        SiteWriter.WriteIndex(arguments.Out, results, path, home.Root);
        PrintSummary(stdout, results, reasons, clock.Elapsed, arguments.Out);
        return results.All(r => r.Succeeded) ? Cli.Ok : Cli.Failed;
    }

    /// <summary>Finds, reads and prepares every notebook (parameters applied and checked), or throws a <see cref="UsageException"/>.</summary>
    static List<PreparedNotebook> Prepare(RunArguments arguments)
    {
        var notebooks = FindNotebooks(arguments.Paths);
        if (notebooks.Count == 0) throw new UsageException($"no notebooks (*.ipynb) found in {string.Join(", ", arguments.Paths)}");
        var names = notebooks.GroupBy(n => Path.GetFileNameWithoutExtension(n), StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (names is not null) throw new UsageException($"two notebooks are both named '{names.Key}' ({string.Join(", ", names)}); their outputs would overwrite each other in --out");
        var overwritten = notebooks.FirstOrDefault(n => Path.GetFullPath(Path.Combine(arguments.Out, Path.GetFileName(n))) == Path.GetFullPath(n));
        if (overwritten is not null) throw new UsageException($"--out '{arguments.Out}' would overwrite the input notebook {overwritten} with its executed copy; choose another folder");
        try
        {
            return notebooks.Select(path => NotebookRunner.Prepare(path,
                arguments.TestParameters ? Merge(TestParameters(path), arguments.Parameters) : arguments.Parameters)).ToList();
        }
        catch (Exception e) when (e is NotebookFormatException or ParameterException)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>The notebooks named by <paramref name="paths"/>: files as given, folders as their *.ipynb in name order.</summary>
    public static List<string> FindNotebooks(IEnumerable<string> paths)
    {
        var found = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                found.AddRange(Directory.GetFiles(path, "*.ipynb").OrderBy(p => Path.GetFileName(p), StringComparer.Ordinal));
            }
            else if (File.Exists(path)) found.Add(path);
            else throw new UsageException($"notebook or folder '{path}' does not exist");
        }
        return found;
    }

    /// <summary>The reduced parameters in notebook metadata <c>deeplinear.test_parameters</c> (empty when absent).</summary>
    public static Dictionary<string, string> TestParameters(string notebookPath)
    {
        var entry = Notebook.Load(notebookPath).Metadata["deeplinear"]?[TestParametersKey] as System.Text.Json.Nodes.JsonObject;
        return entry?.ToDictionary(p => p.Key, p => p.Value is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var s) ? s : p.Value?.ToJsonString() ?? "")
               ?? [];
    }

    static Dictionary<string, string> Merge(Dictionary<string, string> first, IReadOnlyDictionary<string, string> overriding)
    {
        var merged = new Dictionary<string, string>(first);
        foreach (var (k, v) in overriding) merged[k] = v;
        return merged;
    }

    /// <summary>
    /// A notebook the cache serves: its stored executed copy (on the current markdown), counted as every code cell
    /// run, with no time spent.
    /// </summary>
    static NotebookResult Cached(PreparedNotebook prepared, string executedJson) =>
        new(prepared.Source.Path, Notebook.FromJson(System.Text.Json.Nodes.JsonNode.Parse(executedJson)!.AsObject(), prepared.Source.Path),
            prepared.CodeCells, prepared.CodeCells, TimeSpan.Zero, null, null);

    /// <summary>The SDK version the kernel runs on (part of the cache key), as `dotnet --version` reports it in <paramref name="root"/>.</summary>
    static string SdkVersion(string root)
    {
        var info = new ProcessStartInfo("dotnet", "--version") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(info) ?? throw new UsageException("could not start 'dotnet --version'");
        var version = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return process.ExitCode == 0 ? version : throw new UsageException($"'dotnet --version' failed in {root}: {process.StandardError.ReadToEnd().Trim()}");
    }

    static void PrintSummary(TextWriter stdout, IReadOnlyList<NotebookResult> results, IReadOnlyList<string> reasons, TimeSpan total, string outDir)
    {
        var width = results.Select(r => Path.GetFileName(r.Path).Length).Append(8).Max();
        stdout.WriteLine($"{"notebook".PadRight(width)}  cells  seconds  status  run");
        for (int i = 0; i < results.Count; i++)
        {
            var r = results[i];
            var status = r.Failure is null ? "ok" : r.Failure.CellNumber > 0 ? $"FAILED at cell {r.Failure.CellNumber}" : "FAILED at kernel start";
            var run = reasons[i] == "cached" ? "cached" : $"ran ({reasons[i]})";
            stdout.WriteLine($"{Path.GetFileName(r.Path).PadRight(width)}  {$"{r.ExecutedCells}/{r.CodeCells}",5}  {r.Elapsed.TotalSeconds,7:0.0}  {status,-6}  {run}");
        }
        int cached = reasons.Count(r => r == "cached");
        stdout.WriteLine($"{results.Count(r => r.Succeeded)}/{results.Count} notebooks ok ({results.Count - cached} ran, {cached} cached) in {total.TotalSeconds:0.0} s; executed notebooks and site in {Path.GetFullPath(outDir)}");
        // The reports again under the table: stderr had them mid-run, among the other notebooks' progress lines.
        foreach (var r in results)
            if (r.Failure is { } failure) stdout.WriteLine(failure.Report);
    }
}
