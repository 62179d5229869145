using System.Text.Json.Nodes;
using Xunit;
using static DeepLinear.Cli.Tests.CliHarness;

namespace DeepLinear.Cli.Tests;

/// <summary>The command line's promises: help for every verb, plain one-line errors, usage errors before anything runs.</summary>
public class CliContractTests
{
    const string Architecture1 = "\"depth\": 1, \"widths\": [2], \"noiseVariances\": [0.5], \"weightDecay\": {\"output\": 0.01, \"layers\": [0.01]}";

    [Theory]
    [InlineData("solve")]
    [InlineData("critical-decay")]
    [InlineData("regime-grid")]
    [InlineData("run")]
    [InlineData("bench")]
    public void Every_command_has_help_on_stdout_with_exit_0(string verb)
    {
        foreach (var args in new[] { new[] { verb, "--help" }, [verb, "-h"], ["help", verb], [verb, "x.json", "--help"] })
        {
            var (code, stdout, stderr) = RunInProcess(args);
            Assert.Equal(0, code);
            Assert.Equal("", stderr);
            Assert.StartsWith($"usage: deeplinear {verb}", stdout);
        }
        var (_, overview, _) = RunInProcess("--help");
        Assert.Contains($"  {verb} ", overview);
    }

    [Fact]
    public void Every_example_problem_in_the_README_runs_through_every_solving_command()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DeepLinear.sln"))) dir = dir.Parent;
        var examples = Directory.GetFiles(Path.Combine(dir!.FullName, "examples"), "*.json");
        Assert.True(examples.Length >= 4, "the README's examples");
        foreach (var example in examples)
            foreach (var args in new[] { new[] { "solve", example }, ["critical-decay", example], ["regime-grid", example, "--decays", "1e-3:1e-1:3", "--signals", "0.2,0.6,1.8"] })
            {
                var (code, stdout, stderr) = RunInProcess(args);
                Assert.True(code == 0, $"{string.Join(" ", args)}: exit {code}: {stderr}");
                Assert.NotEqual("", stdout);
            }
    }

    [Fact]
    public void A_problem_on_standard_input_is_solved_like_the_same_file()
    {
        string problem = Problem(RandomProblems.Data(new Random(12), 2, 0.8), Architecture.Uniform(2, 3, 0.2, 0.02));
        var piped = RunProcessWithInput(problem, "solve", "-");
        Assert.True(piped.Code == 0, piped.Err);
        Assert.Equal(OnFile("solve", problem).Out, piped.Out);
        var empty = RunProcessWithInput("", "solve", "-");
        AssertOneLineError(empty, "empty standard input");
        Assert.Contains("standard input is not valid JSON: line 1, column 1", empty.Err);
    }

    [Fact]
    public void Help_goes_through_the_real_process_too()
    {
        var (code, stdout, stderr) = RunProcess("bench", "fig3", "--help");
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.StartsWith("usage: deeplinear bench fig3", stdout);
    }

    [Fact]
    public void Malformed_JSON_is_located_by_1_based_line_and_column()
    {
        var result = OnFile("solve", "{\n  \"depth\": 1,\n  \"widths\": [2,\n}");
        AssertOneLineError(result, "truncated array");
        Assert.Contains("is not valid JSON: line 4, column 1: '}' is an invalid start of a value", result.Err);
        Assert.DoesNotContain("LineNumber", result.Err);
        var first = OnFile("solve", "}");
        Assert.Contains("line 1, column 1:", first.Err);
    }

    [Fact]
    public void A_folder_is_named_as_a_folder_and_a_missing_file_as_missing()
    {
        var folder = RunInProcess("solve", Path.GetTempPath());
        AssertOneLineError(folder, "folder");
        Assert.Contains("is a folder", folder.Err);
        var missing = RunInProcess("critical-decay", "/no/such/problem.json");
        AssertOneLineError(missing, "missing file");
        Assert.Contains("'/no/such/problem.json' does not exist", missing.Err);
    }

    [Fact]
    public void Library_rules_reach_the_user_without_the_framework_suffix()
    {
        var result = OnFile("solve", "{\"inputCovariance\": [[1]], \"inputOutputCorrelation\": [0.5], \"outputSecondMoment\": 1, \"depth\": 1, \"widths\": [2], \"noiseVariances\": [-1], \"weightDecay\": {\"output\": 0.01, \"layers\": [0.01]}}");
        AssertOneLineError(result, "negative noise");
        Assert.Equal("deeplinear: noiseVariances[0] must be >= 0, got -1\n", result.Err);
    }

    [Fact]
    public void Plain_strips_both_suffixes_of_an_out_of_range_argument()
    {
        var e = new ArgumentOutOfRangeException("gridPoints", -5, "gridPoints must be positive");
        Assert.Equal("gridPoints must be positive (got -5)", DeepLinear.Cli.Cli.Plain(e));
    }

    public static IEnumerable<object[]> UsageErrors() => new[]
    {
        new object[] { new[] { "solve", "p.json", "--frobnicate" }, "unknown option '--frobnicate'" },
        [new[] { "solve", "a.json", "b.json" }, "expected one problem file, got 2"],
        [new[] { "solve", "--weights", "--weights", "p.json" }, "--weights is given twice"],
        [new[] { "critical-decay" }, "missing problem file"],
        [new[] { "regime-grid", "/no/such.json", "--decays", "0.1:1:3" }, "missing --signals"],
        [new[] { "regime-grid", "/no/such.json", "--decays", "0:1:3", "--signals", "1" }, "--decays: '0' is not a finite number > 0"],
        [new[] { "regime-grid", "/no/such.json", "--decays", "0.1:1:0", "--signals", "1" }, "N in A:B:N must be an integer from 1 to"],
        [new[] { "regime-grid", "/no/such.json", "--decays", "1", "--signals", "-1" }, "--signals: '-1' is not a finite number >= 0"],
        [new[] { "regime-grid", "/no/such.json", "--decays", "1:2", "--signals", "1" }, "expected A:B:N"],
        [new[] { "regime-grid", "/no/such.json", "--decays", "1e-3:1:2000", "--signals", "1e-3:1:2000" }, "the grid has 4000000 cells"],
        [new[] { "regime-grid", "/no/such.json", "--decays" }, "--decays needs a value"],
        [new[] { "frobnicate" }, "unknown command 'frobnicate'"],
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public void Usage_errors_exit_2_with_one_line_before_reading_any_file(string[] args, string message)
    {
        var result = RunInProcess(args);
        AssertOneLineError(result, string.Join(" ", args));
        Assert.Contains(message, result.Err);
    }

    public static IEnumerable<object[]> ImpossibleStatistics() => new[]
    {
        // the issue's case: E[xy]ᵀA0⁻¹E[xy] = 200 > E[y²] = 1
        new object[] { "[[1, 0], [0, 1]]", "[10, 10]", "1" },
        // E[xy] = 1e160 overflows m = 1e320 and E[xy]ᵀA0⁻¹E[xy] = 2e320 exceeds E[y²] = 1e308
        ["[[1, 0], [0, 1]]", "[1e160, 1e160]", "1e308"],
        // y ≡ 0 cannot correlate with x
        ["[[2]]", "[0.1]", "0"],
    };

    [Theory]
    [MemberData(nameof(ImpossibleStatistics))]
    public void Statistics_that_no_data_set_has_are_rejected_naming_the_rule(string covariance, string correlation, string eyy)
    {
        string problem = $"{{\"inputCovariance\": {covariance}, \"inputOutputCorrelation\": {correlation}, \"outputSecondMoment\": {eyy}, {Architecture1}}}";
        foreach (var verb in new[] { "solve", "critical-decay" })
        {
            var result = OnFile(verb, problem);
            AssertOneLineError(result, $"{verb} {correlation}");
            Assert.Contains("outputSecondMoment must be at least E[xy]ᵀA0⁺E[xy]", result.Err);
            Assert.Contains("no data set has these statistics", result.Err);
        }
    }

    [Fact]
    public void Depth_0_with_an_extreme_but_realisable_signal_is_answered_exactly()
    {
        // E[xy] = 1e160·(1, 1) makes mᵢ = 1e320 overflow; with A0 = 1e300·I, Q = E[xy]ᵀA0⁻¹E[xy] = 2e20, so
        // E[y²] = 3e20 is realisable and least squares leaves r = 1e20.
        string problem = "{\"inputCovariance\": [[1e300, 0], [0, 1e300]], \"inputOutputCorrelation\": [1e160, 1e160], \"outputSecondMoment\": 3e20, \"depth\": 0, \"widths\": [], \"noiseVariances\": [], \"weightDecay\": {\"output\": 0, \"layers\": []}}";
        var (code, stdout, stderr) = OnFile("solve", problem, "--weights");
        Assert.True(code == 0, stderr);
        var json = JsonNode.Parse(stdout)!;
        // r = E[y²] − Q = 3e20 − 2e20, exact to the rounding of the inputs
        Tolerance.Close(1e20, (double)json["globalMinimumLoss"]!, 1e-14, 0, "least-squares loss");
        // ‖u‖ = ‖A0⁻¹E[xy]‖ = √2·1e-140
        Tolerance.Close(Math.Log10(Math.Sqrt(2) * 1e-140), (double)json["globalMinimumLog10Scale"]!, 0, 1e-13, "log10 ‖u‖");
        var data = new DataStatistics(MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseIdentity(2) * 1e300, MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(2, 1e160), 3e20);
        // the printed regressor reproduces the loss through the full expected loss; its terms are of size E[y²]
        Tolerance.Close(1e20, ExpectedLoss.Value(data, DeepLinear.Architecture.Ridge(0), Weights(json)), 1e-13, 0, "full loss of the printed u");
    }
}
