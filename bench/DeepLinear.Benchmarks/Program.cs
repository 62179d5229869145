using System.Diagnostics;
using System.Globalization;
using DeepLinear.Benchmarks;
using DeepLinear.Training;
using static TorchSharp.torch;

// Per-model-step cost of each way of training the Figure 3 workload, measured in one process so the ratios are
// comparable. Usage: DeepLinear.Benchmarks [--steps N] [--models K] [--one-by-one | --engine | --shards] | ops
if (args.Length > 0 && args[0] == "ops")
{
    OpTimings.Run();
    return;
}
int steps = Flag("--steps", 200), models = Flag("--models", 40);
int? only = Array.IndexOf(args, "--one-by-one") >= 0 ? 0 : Array.IndexOf(args, "--engine") >= 0 ? 1 : null;
if (Array.IndexOf(args, "--shards") >= 0)
{
    Console.WriteLine("| models per shard | dtype | threads | models x steps | wall ms / model-step | CPU ms / model-step |");
    Console.WriteLine("|---|---|---|---|---|---|");
    Engine(ScalarType.Float32, 2, warmSteps: 5);
    // Alternating, so that drifting load on a shared machine hits both settings alike.
    foreach (var dtype in new[] { ScalarType.Float32, ScalarType.Float64 })
        foreach (int perShard in new[] { models / 2, 2, 4, models / 2, 2, 4 })
            Measure($"{perShard}", dtype, 2, models, steps, () => Engine(dtype, 2, perShard: perShard));
    return;
}
int Flag(string name, int fallback) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;

Console.WriteLine($"# per-model-step time, Figure 3 workload (n = {Workload.Samples}, 5 -> 32 -> 32 -> 1, half ReLU half Tanh), {Environment.ProcessorCount} cores");
Console.WriteLine("| way of training | dtype | threads | models x steps | wall ms / model-step | CPU ms / model-step |");
Console.WriteLine("|---|---|---|---|---|---|");
int oneByOneSteps = Math.Max(20, steps / 4);
Baselines.OneByOne(ScalarType.Float32, 2, 5);
Baselines.NaiveBatched(ScalarType.Float32, 4, 5);
Engine(ScalarType.Float32, 2, warmSteps: 5);
foreach (var dtype in new[] { ScalarType.Float32, ScalarType.Float64 })
{
    if (!only.HasValue || only == 0)
        Measure("TorchSharp one by one (nn.Sequential + optim.SGD, autograd)", dtype, 2, 2, oneByOneSteps, () => Baselines.OneByOne(dtype, 2, oneByOneSteps));
    if (only == 0) continue;
    if (only != 1)
        Measure("TorchSharp batched, bmm + autograd (naive)", dtype, 2, models, steps, () => Baselines.NaiveBatched(dtype, models, steps));
    foreach (int threads in new[] { 1, 2 })
        Measure("BatchedTrainer (hand-written backward, in place)", dtype, threads, models, steps, () => Engine(dtype, threads));
}

void Engine(ScalarType dtype, int threads, int? warmSteps = null, int? perShard = null)
{
    var precision = dtype == ScalarType.Float64 ? Precision.Float64 : Precision.Float32;
    using var trainer = new BatchedTrainer(Workload.Shape, Workload.Models(models, warmSteps ?? steps), new() { Precision = precision, Threads = threads, RecordEvery = 100, ModelsPerShard = perShard });
    trainer.Train();
}

static void Measure(string name, ScalarType dtype, int threads, int models, int steps, Action run)
{
    int saved = get_num_threads();
    set_num_threads(threads);
    try
    {
        // Best of three: the machines are shared, so the minimum is the least disturbed measurement.
        double wall = double.MaxValue, cpuMs = double.MaxValue;
        for (int repeat = 0; repeat < 3; repeat++)
        {
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            run();
            wall = Math.Min(wall, clock.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpuMs = Math.Min(cpuMs, (process.TotalProcessorTime - cpu).TotalMilliseconds);
        }
        double modelSteps = (double)models * steps;
        Console.WriteLine($"| {name} | {dtype.ToString().ToLowerInvariant()} | {threads} | {models} x {steps} | {wall / modelSteps:F3} | {cpuMs / modelSteps:F3} |");
    }
    finally
    {
        set_num_threads(saved);
    }
}
