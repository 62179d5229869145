using System.Diagnostics;
using System.Globalization;
using DeepLinear.Notebooks.Execution;
using DeepLinear.Notebooks.Ipynb;
using DeepLinear.Notebooks.Site;

namespace DeepLinear.Cli;

/// <summary>
/// <c>deeplinear run [paths...] [--out DIR] [--param k=v]... [--timeout SECONDS] [--test-parameters]</c>:
/// executes notebooks (a folder means its *.ipynb in name order; default <c>notebooks</c>), writes each executed
/// notebook and its HTML page plus index.html and assets into DIR (default <c>out</c>), prints a summary, and
/// exits 1 when any notebook failed.
/// </summary>
public static class RunCommand
{
    /// <summary>The one-line usage shown by <c>deeplinear --help</c>.</summary>
    public const string Summary = "run [paths...] [--out DIR] [--param k=v]... [--timeout SECONDS] [--test-parameters]  execute notebooks, write executed .ipynb and an HTML site";

    /// <summary>The notebook-metadata entry holding reduced parameters for tests (<c>deeplinear.test_parameters</c>).</summary>
    public const string TestParametersKey = "test_parameters";

    /// <summary>Runs the command.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var (paths, outDir, parameters, timeout, useTestParameters) = ParseArguments(args);
        var notebooks = FindNotebooks(paths);
        var names = notebooks.GroupBy(n => Path.GetFileNameWithoutExtension(n), StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (names is not null) throw new UsageException($"two notebooks are both named '{names.Key}' ({string.Join(", ", names)}); their outputs would overwrite each other in --out");
        var overwritten = notebooks.FirstOrDefault(n => Path.GetFullPath(Path.Combine(outDir, Path.GetFileName(n))) == Path.GetFullPath(n));
        if (overwritten is not null) throw new UsageException($"--out '{outDir}' would overwrite the input notebook {overwritten} with its executed copy; choose another folder");

        Directory.CreateDirectory(outDir);
        if (notebooks.Count == 0) stderr.WriteLine($"no notebooks found in {string.Join(", ", paths)}");
        var runner = new NotebookRunner(new RunnerOptions
        {
            CellTimeout = timeout,
            OnCellFinished = p => stderr.WriteLine($"  cell {p.CellNumber}{(p.Injected ? " injected parameters" : $" ({p.CodeCellIndex}/{p.CodeCellCount} code)")} {(p.Succeeded ? "ok" : "FAILED")} {p.Elapsed.TotalSeconds:0.00} s"),
        });
        var results = new List<NotebookResult>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < notebooks.Count; i++)
        {
            stderr.WriteLine($"[{i + 1}/{notebooks.Count}] {notebooks[i]}");
            var effective = useTestParameters ? Merge(TestParameters(notebooks[i]), parameters) : parameters;
            NotebookResult result;
            try
            {
                result = runner.RunAsync(notebooks[i], effective).GetAwaiter().GetResult();
            }
            catch (NotebookFormatException e)
            {
                throw new UsageException(e.Message);
            }
            results.Add(result);
            SiteWriter.WriteNotebook(outDir, result);
            if (result.Failure is { } failure) stderr.WriteLine(failure.Report);
        }
        SiteWriter.WriteIndex(outDir, results);
        PrintSummary(stdout, results, clock.Elapsed, outDir);
        return results.All(r => r.Succeeded) ? Cli.Ok : Cli.Failed;
    }

    static (List<string> Paths, string Out, Dictionary<string, string> Parameters, TimeSpan Timeout, bool TestParameters) ParseArguments(string[] args)
    {
        var paths = new List<string>();
        var assignments = new List<string>();
        var outDir = "out";
        var timeout = RunnerOptions.DefaultCellTimeout;
        var testParameters = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new UsageException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--out": outDir = Value(); break;
                case "--param": assignments.Add(Value()); break;
                case "--test-parameters": testParameters = true; break;
                case "--timeout":
                    var text = Value();
                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
                        throw new UsageException($"--timeout '{text}': expected a positive number of seconds per cell");
                    timeout = TimeSpan.FromSeconds(seconds);
                    break;
                case var a when a.StartsWith("--", StringComparison.Ordinal):
                    throw new UsageException($"run: unknown option '{a}'; usage: {Summary}");
                default: paths.Add(args[i]); break;
            }
        }
        if (paths.Count == 0) paths.Add("notebooks");
        return (paths, outDir, new Dictionary<string, string>(Parameters.Parse(assignments)), timeout, testParameters);
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

    static Dictionary<string, string> Merge(Dictionary<string, string> first, Dictionary<string, string> overriding)
    {
        var merged = new Dictionary<string, string>(first);
        foreach (var (k, v) in overriding) merged[k] = v;
        return merged;
    }

    static void PrintSummary(TextWriter stdout, List<NotebookResult> results, TimeSpan total, string outDir)
    {
        var width = results.Select(r => Path.GetFileName(r.Path).Length).Append(8).Max();
        stdout.WriteLine($"{"notebook".PadRight(width)}  cells  seconds  status");
        foreach (var r in results)
            stdout.WriteLine($"{Path.GetFileName(r.Path).PadRight(width)}  {$"{r.ExecutedCells}/{r.CodeCells}",5}  {r.Elapsed.TotalSeconds,7:0.0}  {(r.Succeeded ? "ok" : $"FAILED at cell {r.Failure!.CellNumber}")}");
        stdout.WriteLine($"{results.Count(r => r.Succeeded)}/{results.Count} notebooks ok in {total.TotalSeconds:0.0} s; executed notebooks and site in {Path.GetFullPath(outDir)}");
    }
}
