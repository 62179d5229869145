using System.Diagnostics;
using System.Text.Json.Nodes;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace DeepLinear.Cli.Tests;

/// <summary>Runs `deeplinear` in-process or as its own process, and writes problem files for it.</summary>
public static class CliHarness
{
    /// <summary>The hang guard of one in-process command: far above any run here (milliseconds), so it fails only on a hang.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    /// <summary>Runs the built CLI as its own process, as a user would.</summary>
    public static (int Code, string Out, string Err) RunProcess(params string[] args) => RunProcessWithInput("", args);

    /// <summary>Runs the built CLI as its own process with <paramref name="input"/> on its standard input.</summary>
    public static (int Code, string Out, string Err) RunProcessWithInput(string input, params string[] args)
    {
        string cli = Path.Combine(AppContext.BaseDirectory, "DeepLinear.Cli.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        info.ArgumentList.Add(cli);
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(HangGuard))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"deeplinear {string.Join(" ", args)} did not finish within {HangGuard.TotalSeconds} s");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs <see cref="DeepLinear.Cli.Cli.Execute"/> on a worker thread and fails if it does not return within <see cref="HangGuard"/>.</summary>
    public static (int Code, string Out, string Err) RunInProcess(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var run = Task.Run(() => DeepLinear.Cli.Cli.Execute(args, stdout, stderr));
        if (!run.Wait(HangGuard)) Assert.Fail($"deeplinear {string.Join(" ", args)} did not finish within {HangGuard.TotalSeconds} s");
        return (run.Result, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Asserts the bad-input contract: exit 2, nothing on stdout, one plain line on stderr starting "deeplinear: ".</summary>
    public static void AssertOneLineError((int Code, string Out, string Err) result, string what)
    {
        Assert.True(result.Code == 2, $"{what}: exit {result.Code}, stderr {result.Err}");
        Assert.Equal("", result.Out);
        var lines = result.Err.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length == 1, $"{what}: {lines.Length} lines on stderr: {result.Err}");
        Assert.StartsWith("deeplinear: ", result.Err);
        Assert.DoesNotContain("(Parameter '", result.Err);
        Assert.DoesNotContain("internal error", result.Err);
    }

    public static JsonObject ProblemNode(DataStatistics data, Architecture arch) => new()
    {
        ["inputCovariance"] = new JsonArray(Enumerable.Range(0, data.Dimension).Select(i => (JsonNode)new JsonArray(data.A0.Row(i).Select(v => (JsonNode)v).ToArray())).ToArray()),
        ["inputOutputCorrelation"] = new JsonArray(data.Exy.Select(v => (JsonNode)v).ToArray()),
        ["outputSecondMoment"] = data.Eyy,
        ["depth"] = arch.Depth,
        ["widths"] = new JsonArray(arch.Widths.Select(v => (JsonNode)v).ToArray()),
        ["noiseVariances"] = new JsonArray(arch.NoiseVariances.Select(v => (JsonNode)v).ToArray()),
        ["weightDecay"] = new JsonObject { ["output"] = arch.OutputDecay, ["layers"] = new JsonArray(arch.LayerDecays.Select(v => (JsonNode)v).ToArray()) },
    };

    public static string Problem(DataStatistics data, Architecture arch) => ProblemNode(data, arch).ToJsonString();

    /// <summary>Writes <paramref name="text"/> to a fresh file in the temp folder and returns its path.</summary>
    public static string WriteTemp(string text, string extension = "json")
    {
        string path = Path.Combine(Path.GetTempPath(), $"problem-{Guid.NewGuid():N}.{extension}");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Runs `deeplinear <verb> file extra...` in-process on a temp file holding <paramref name="problem"/>.</summary>
    public static (int Code, string Out, string Err) OnFile(string verb, string problem, params string[] extra)
    {
        string path = WriteTemp(problem);
        try
        {
            return RunInProcess([verb, path, .. extra]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The weights printed by `solve --weights`, as <see cref="NetworkWeights"/>.</summary>
    public static NetworkWeights Weights(JsonNode output)
    {
        var node = output["globalMinimumWeights"]!;
        var u = Vector<double>.Build.DenseOfEnumerable(node["U"]!.AsArray().Select(v => (double)v!));
        var w = node["W"]!.AsArray().Select(m => Matrix<double>.Build.DenseOfRowArrays(m!.AsArray().Select(r => r!.AsArray().Select(v => (double)v!).ToArray()))).ToArray();
        return new NetworkWeights(u, w);
    }
}
