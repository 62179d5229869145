using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DeepLinear.Training;

namespace DeepLinear.Cli;

/// <summary>
/// <c>deeplinear bench fig3 [--steps N] [--signals a,b,...] [--decay g] [--dtype float32|float64] [--seed S]</c>:
/// trains the paper's Figure 3 sweep with <see cref="Figure3Sweep"/> (the notebook's code), progress on stderr, and
/// prints one JSON object as the last line on stdout.
/// </summary>
public static class BenchCommand
{
    public const string Summary = "bench fig3 [--steps N] [--signals a,b,...] [--decay g] [--dtype float32|float64] [--seed S]   time the Figure 3 training sweep";

    public const string Help = """
        usage: deeplinear bench fig3 [--steps N] [--signals a,b,...] [--decay g] [--dtype float32|float64] [--seed S]

        Times the paper-size Figure 3 sweep: ReLU, Tanh and linear nets (D = 2, width 32, n = 1000) trained at each
        signal with the batched engine, as notebook 04 does. Progress goes to stderr; the last line on stdout is one
        JSON object {"models", "steps", "seconds", "results": [{"signal", "activation", "finalLoss", "trivialLoss"}]}.

        --steps N      training steps (default 10000)
        --signals      comma list of signals ‖E[xy]‖ >= 0 (default 0.01, 0.02, ..., 0.20)
        --decay g      weight decay >= 0 of every layer (default 0.01)
        --dtype        float32 (default) or float64
        --seed S       seed of the data and the initialisation (default 0)
        bench/README.md records the measured times.
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] != "fig3")
            throw new UsageException($"bench: expected the benchmark name 'fig3', got {(args.Length == 0 ? "nothing" : $"'{args[0]}'")}");
        var settings = Parse(args[1..]);

        var clock = Stopwatch.StartNew();
        var cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        int nextReport = 0;
        var progress = new Reporter(step =>
        {
            if (step < nextReport) return;
            nextReport = step + Math.Max(1, settings.Steps / 10);
            stderr.WriteLine($"fig3: step {step}/{settings.Steps}, {clock.Elapsed.TotalSeconds:F1} s");
        });
        int models = settings.Signals.Count * 3;
        stderr.WriteLine($"fig3: {models} models ({settings.Signals.Count} signals x ReLU, Tanh, linear), {settings.Steps} steps, decay {settings.WeightDecay.ToString(CultureInfo.InvariantCulture)}, {settings.Precision}");
        var points = Figure3Sweep.Run(settings, progress);
        double seconds = clock.Elapsed.TotalSeconds;
        // CPU time as well: on a shared machine wall time mostly measures the neighbours.
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart).TotalSeconds;
        stderr.WriteLine($"fig3: done in {seconds:F1} s ({cpuSeconds:F1} CPU-s)");

        var result = new
        {
            models,
            steps = settings.Steps,
            seconds = Math.Round(seconds, 3),
            cpuSeconds = Math.Round(cpuSeconds, 3),
            results = points.Select(p => new
            {
                signal = p.Signal,
                activation = p.Activation.ToString().ToLowerInvariant(),
                finalLoss = p.FinalLoss,
                trivialLoss = p.TrivialLoss,
            }),
        };
        stdout.WriteLine(JsonSerializer.Serialize(result));
        return Cli.Ok;
    }

    static Figure3Settings Parse(string[] args)
    {
        var settings = new Figure3Settings();
        for (int i = 0; i < args.Length; i++)
        {
            string flag = args[i];
            if (flag is not ("--steps" or "--signals" or "--decay" or "--dtype" or "--seed"))
                throw new UsageException($"bench fig3: unknown argument '{flag}'");
            if (i + 1 >= args.Length) throw new UsageException($"bench fig3: {flag} needs a value");
            string value = args[++i];
            settings = flag switch
            {
                "--steps" => settings with { Steps = PositiveInt(flag, value) },
                "--seed" => settings with { Seed = NonNegativeInt(flag, value) },
                "--decay" => settings with { WeightDecay = NonNegative(flag, value) },
                "--signals" => settings with { Signals = value.Split(',').Select(v => NonNegative(flag, v)).ToArray() },
                _ => settings with
                {
                    Precision = value switch
                    {
                        "float32" => Precision.Float32,
                        "float64" => Precision.Float64,
                        _ => throw new UsageException($"bench fig3: --dtype must be float32 or float64, got '{value}'"),
                    },
                },
            };
        }
        return settings;
    }

    static int PositiveInt(string flag, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
            ? n : throw new UsageException($"bench fig3: {flag} must be a positive integer, got '{value}'");

    static int NonNegativeInt(string flag, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            ? n : throw new UsageException($"bench fig3: {flag} must be a non-negative integer, got '{value}'");

    static double NonNegative(string flag, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x) && x >= 0
            ? x : throw new UsageException($"bench fig3: {flag} needs finite non-negative numbers, got '{value}'");

    sealed class Reporter(Action<int> report) : IProgress<int>
    {
        readonly Lock _gate = new();

        public void Report(int value)
        {
            lock (_gate) report(value);
        }
    }
}
