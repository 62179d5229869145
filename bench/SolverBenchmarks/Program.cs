using System.Diagnostics;
using DeepLinear;
using MathNet.Numerics.LinearAlgebra;

// Times the two targets of the foundation issue on this machine and prints a table:
//   1. the built CLI answering `solve` for d = 200, depth 10, wall time including process start;
//   2. a 200 x 200 (decay, signal) regime grid for one architecture, in-process.
// Medians over repeated runs; every random number comes from a fixed seed.
const int repeats = 7;
var random = new Random(2024);
const int d = 200;
var x = Matrix<double>.Build.Dense(400, d, (_, _) => random.NextGaussian());
var a0 = x.TransposeThisAndMultiply(x) / 400;
var exy = Vector<double>.Build.Dense(d, _ => 0.3 * random.NextGaussian());
// E[y²] = E[xy]ᵀA0⁻¹E[xy] + 30: statistics some data set has, as `solve` requires
var data = new DataStatistics(a0, exy, exy.DotProduct(a0.Solve(exy)) + 30);
var widths = new[] { 50, 80, 120, 1000, 30, 64, 64, 64, 10, 200 };
var arch = new Architecture(10, widths, widths.Select((_, k) => 0.1 * k).ToArray(), 1e-4, Enumerable.Repeat(1e-4, 10).ToArray());

string problem = Path.Combine(Path.GetTempPath(), "deeplinear-bench-d200-D10.json");
File.WriteAllText(problem, ProblemFile(data, arch));
string cli = Path.Combine(AppContext.BaseDirectory, "DeepLinear.Cli.dll");
var processTimes = Enumerable.Range(0, repeats).Select(_ => Time(() => RunCli(cli, problem))).ToArray();
var inProcess = Enumerable.Range(0, repeats).Select(_ => Time(() => ExactSolver.Solve(data, arch))).ToArray();

var small = RandomSmall(new Random(7));
var decays = Enumerable.Range(0, 200).Select(i => Math.Exp(-8 + 8.0 * i / 199)).ToArray();
var signals = Enumerable.Range(0, 200).Select(i => 0.01 + 2.0 * i / 199).ToArray();
var grid = Enumerable.Range(0, repeats).Select(_ => Time(() => RegimeDiagram.Compute(small, g => Architecture.Uniform(3, 16, 0.5, g), decays, signals))).ToArray();

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; medians of {repeats} runs");
Console.WriteLine("| what | median | min | target |");
Console.WriteLine("|---|---|---|---|");
Row("`deeplinear solve`, d = 200, D = 10, built CLI process (wall, incl. start)", processTimes, "< 0.5 s");
Row("ExactSolver.Solve, same problem, in-process", inProcess, "");
Row("regime grid 200 x 200 (decay, signal), d = 5, D = 3, in-process", grid, "< 2 s");
File.Delete(problem);

static void Row(string what, double[] seconds, string target)
{
    var sorted = seconds.OrderBy(s => s).ToArray();
    Console.WriteLine($"| {what} | {sorted[sorted.Length / 2]:F3} s | {sorted[0]:F3} s | {target} |");
}

static double Time(Action action)
{
    var watch = Stopwatch.StartNew();
    action();
    return watch.Elapsed.TotalSeconds;
}

static void RunCli(string cli, string problem)
{
    var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
    info.ArgumentList.Add(cli);
    info.ArgumentList.Add("solve");
    info.ArgumentList.Add(problem);
    using var process = Process.Start(info)!;
    process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0) throw new InvalidOperationException($"solve failed: {process.StandardError.ReadToEnd()}");
}

static DataStatistics RandomSmall(Random random)
{
    var q = Matrix<double>.Build.Dense(5, 5, (_, _) => random.NextGaussian()).QR().Q;
    var a0 = q * Matrix<double>.Build.DenseOfDiagonalArray([0.2, 0.5, 1, 2, 4]) * q.Transpose();
    return new DataStatistics((a0 + a0.Transpose()) * 0.5, Vector<double>.Build.Dense(5, _ => random.NextGaussian()), 10);
}

static string ProblemFile(DataStatistics data, Architecture arch)
{
    string Row(Vector<double> v) => "[" + string.Join(",", v.Select(e => e.ToString("R"))) + "]";
    var rows = string.Join(",", Enumerable.Range(0, data.Dimension).Select(i => Row(data.A0.Row(i))));
    string List<T>(IEnumerable<T> values) => "[" + string.Join(",", values.Select(v => Convert.ToDouble(v).ToString("R"))) + "]";
    return "{\"inputCovariance\": [" + rows + "], \"inputOutputCorrelation\": " + Row(data.Exy)
        + ", \"outputSecondMoment\": " + data.Eyy.ToString("R") + ", \"depth\": " + arch.Depth
        + ", \"widths\": " + List(arch.Widths) + ", \"noiseVariances\": " + List(arch.NoiseVariances)
        + ", \"weightDecay\": {\"output\": " + arch.OutputDecay.ToString("R") + ", \"layers\": " + List(arch.LayerDecays) + "}}";
}
