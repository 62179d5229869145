using System.Globalization;
using DeepLinear.Notebooks.Execution;

namespace DeepLinear.Cli;

/// <summary>The parsed arguments of <c>deeplinear run</c>; anything malformed is a <see cref="UsageException"/>.</summary>
public sealed record RunArguments(
    IReadOnlyList<string> Paths, string Out, IReadOnlyDictionary<string, string> Parameters, TimeSpan Timeout, bool TestParameters, int Jobs)
{
    /// <summary>
    /// Notebooks run at once by default. Measured on our shared 2-core machines (load average 7-14 from other jobs, so
    /// each pair of runs differs a lot): eight light fixture notebooks took 63 and 51 s at -j 1, 50 and 42 s at -j 2;
    /// two CPU-bound notebooks of two threads each took 37 and 23 s at -j 1, 14 and 23 s at -j 2. -j 2 was never
    /// slower: a kernel's start (2-8 s, mostly JIT and waiting) overlaps the other notebook's work. Each kernel is a
    /// separate process, so notebooks share no memory; ones that write the same files need -j 1.
    /// </summary>
    public const int DefaultJobs = 2;

    /// <summary>Reads <paramref name="args"/> (without the command name).</summary>
    public static RunArguments Parse(string[] args)
    {
        var paths = new List<string>();
        var assignments = new List<string>();
        var outDir = "out";
        var timeout = RunnerOptions.DefaultCellTimeout;
        var testParameters = false;
        var jobs = DefaultJobs;
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
                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !(seconds > 0) || double.IsInfinity(seconds))
                        throw new UsageException($"--timeout '{text}': expected a positive number of seconds per cell");
                    timeout = TimeSpan.FromSeconds(seconds);
                    break;
                case "-j" or "--jobs":
                    var count = Value();
                    if (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out jobs) || jobs < 1)
                        throw new UsageException($"{args[i - 1]} '{count}': expected a whole number of notebooks to run at once, at least 1");
                    break;
                case var a when a.StartsWith('-'):
                    throw new UsageException($"run: unknown option '{a}'; see 'deeplinear run --help'");
                default: paths.Add(args[i]); break;
            }
        }
        if (paths.Count == 0) paths.Add("notebooks");
        return new RunArguments(paths, outDir, Notebooks.Execution.Parameters.Parse(assignments), timeout, testParameters, jobs);
    }
}
