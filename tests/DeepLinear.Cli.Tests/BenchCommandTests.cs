using System.Text.Json;
using DeepLinear.Cli;
using Xunit;

namespace DeepLinear.Cli.Tests;

public class BenchCommandTests
{
    static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Cli.Execute(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("bench")]
    [InlineData("bench", "fig4")]
    [InlineData("bench", "fig3", "--steps", "0")]
    [InlineData("bench", "fig3", "--steps", "1.5")]
    [InlineData("bench", "fig3", "--steps")]
    [InlineData("bench", "fig3", "--signals", "0.1,-1")]
    [InlineData("bench", "fig3", "--signals", "0.1,NaN")]
    [InlineData("bench", "fig3", "--signals", "0.1,,0.2")]
    [InlineData("bench", "fig3", "--decay", "-0.1")]
    [InlineData("bench", "fig3", "--decay", "Infinity")]
    [InlineData("bench", "fig3", "--dtype", "float16")]
    [InlineData("bench", "fig3", "--bogus", "1")]
    public void Bad_arguments_give_one_line_and_exit_code_2(params string[] args)
    {
        var (code, stdout, stderr) = Run(args);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("deeplinear: ", stderr);
    }

    [Fact]
    public void Unknown_flag_is_named() => Assert.Contains("--bogus", Run("bench", "fig3", "--bogus", "1").Err);

    [Fact]
    public void Small_sweep_prints_one_JSON_object_last_and_is_reproducible()
    {
        string[] args = ["bench", "fig3", "--steps", "300", "--signals", "0,0.1", "--decay", "0", "--dtype", "float64"];
        var (code, stdout, stderr) = Run(args);
        Assert.Equal(0, code);
        Assert.Contains("fig3:", stderr);
        using var json = JsonDocument.Parse(stdout.TrimEnd().Split('\n')[^1]);
        var root = json.RootElement;
        Assert.Equal(6, root.GetProperty("models").GetInt32());
        Assert.Equal(300, root.GetProperty("steps").GetInt32());
        Assert.True(root.GetProperty("seconds").GetDouble() > 0);
        var results = root.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(["relu", "tanh", "linear", "relu", "tanh", "linear"], results.Select(r => r.GetProperty("activation").GetString()));
        Assert.Equal([0, 0, 0, 0.1, 0.1, 0.1], results.Select(r => r.GetProperty("signal").GetDouble()));
        Assert.Equal(0.0, results[0].GetProperty("trivialLoss").GetDouble());
        var linear = results[5];
        // y = v.x exactly, so least squares fits it exactly; the undecayed D = 0 regressor must get there.
        Assert.True(linear.GetProperty("finalLoss").GetDouble() < 1e-20 * linear.GetProperty("trivialLoss").GetDouble());

        var again = Run(args).Out.TrimEnd().Split('\n')[^1];
        using var json2 = JsonDocument.Parse(again);
        Assert.Equal(root.GetProperty("results").GetRawText(), json2.RootElement.GetProperty("results").GetRawText());
    }
}
