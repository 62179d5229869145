using System.Text.Json;
using System.Text.Json.Nodes;
using DeepLinear.Cli;
using MathNet.Numerics.LinearAlgebra;
using Xunit;
using static DeepLinear.Cli.Tests.CliHarness;

namespace DeepLinear.Cli.Tests;

public class CliTests
{
    [Fact]
    public void Solve_process_agrees_with_brute_force_on_unseen_problems_up_to_d_20_and_depth_6()
    {
        var regimes = new HashSet<string>();
        for (int seed = 500; seed < 512; seed++)
        {
            var random = new Random(seed);
            int d = random.Next(2, 21), depth = random.Next(1, 7);
            var data = RandomProblems.Data(random, d, Math.Exp(-1.5 + 2.5 * random.NextDouble()), spread: 30);
            var arch = RandomProblems.Architecture(random, depth);
            string path = WriteTemp(Problem(data, arch));
            var (code, stdout, stderr) = RunProcess("solve", path);
            File.Delete(path);
            Assert.True(code == 0, $"seed {seed}: exit {code}, stderr {stderr}");
            var result = JsonNode.Parse(stdout)!;

            var minima = BruteForceReference.Minima(data, arch, starts: 24, seed: seed);
            string bruteRegime = BruteForceReference.RegimeOf(minima, data.Eyy).Name();
            // brute force is within ~1e-18 of a minimum in L and the JSON carries the solver's double exactly: 1e-12·E[y²] is round-off
            Tolerance.Close(minima[0].Loss, (double)result["globalMinimumLoss"]!, 0, 1e-12 * data.Eyy, $"seed {seed} (d={d}, D={depth}): globalMinimumLoss");
            Assert.Equal(bruteRegime, (string)result["regime"]!);
            Assert.Equal(data.Eyy, (double)result["trivialLoss"]!);
            regimes.Add(bruteRegime);
        }
        Assert.True(regimes.Count >= 2, $"the unseen problems covered only {string.Join(",", regimes)}");
    }

    [Fact]
    public void Solve_output_has_the_contract_fields()
    {
        var data = new DataStatistics(Matrix<double>.Build.DenseIdentity(2), Vector<double>.Build.DenseOfArray([0.6, 0.3]), 1);
        string path = WriteTemp(Problem(data, Architecture.Uniform(2, 4, 0.5, 0.01)));
        var (code, stdout, stderr) = RunInProcess("solve", path);
        File.Delete(path);
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        var json = JsonNode.Parse(stdout)!;
        Assert.Equal("nontrivial-global", (string)json["regime"]!);
        Assert.Equal("local-minimum", (string)json["zeroIs"]!);
        var solutions = json["solutions"]!.AsArray();
        Assert.Equal(["local-maximum", "local-minimum"], solutions.Select(s => (string)s!["kind"]!).ToArray());
        Assert.Equal((double)json["globalMinimumLoss"]!, (double)solutions[1]!["loss"]!);
        Assert.Equal(3, solutions[1]!["layerNorms"]!.AsArray().Count);
    }

    public static IEnumerable<object[]> BadProblems() => new[]
    {
        new object[] { "{not json", "not valid JSON" },
        ["[]", "must be a JSON object"],
        ["""{"inputOutputCorrelation": [1], "outputSecondMoment": 1, "depth": 0, "widths": [], "noiseVariances": [], "weightDecay": {"output": 0, "layers": []}}""", "missing field 'inputCovariance'"],
        ["""{"inputCovariance": [[1]], "inputOutputCorrelation": [1], "outputSecondMoment": 1, "depth": 1.5, "widths": [], "noiseVariances": [], "weightDecay": {"output": 0, "layers": []}}""", "depth must be an integer"],
        ["""{"inputCovariance": [[1]], "inputOutputCorrelation": [1], "outputSecondMoment": 1, "depth": 1, "widths": [2], "noiseVariances": [-1], "weightDecay": {"output": 0.1, "layers": [0.1]}}""", "noiseVariances[0] must be >= 0"],
        ["""{"inputCovariance": [[1]], "inputOutputCorrelation": [1], "outputSecondMoment": 1, "depth": 1, "widths": [2], "noiseVariances": [0], "weightDecay": {"output": 0.1, "layers": ["a"]}}""", "weightDecay.layers[0] must be a number"],
        ["""{"inputCovariance": [[1, 0]], "inputOutputCorrelation": [1], "outputSecondMoment": 1, "depth": 0, "widths": [], "noiseVariances": [], "weightDecay": {"output": 0, "layers": []}}""", "inputCovariance must be square"],
        ["""{"inputCovariance": [[1]], "inputOutputCorrelation": [1], "outputSecondMoment": 1, "depth": 0, "widths": [], "noiseVariances": [], "weightDecay": {"output": 0, "layers": []}, "extra": 1}""", "unknown field 'extra'"],
        ["""{"inputCovariance": [[-1]], "inputOutputCorrelation": [1], "outputSecondMoment": 1, "depth": 0, "widths": [], "noiseVariances": [], "weightDecay": {"output": 0, "layers": []}}""", "positive semi-definite"],
        ["""{"inputCovariance": [[1]], "inputOutputCorrelation": [1], "outputSecondMoment": 1, "depth": 1, "widths": [2], "noiseVariances": [0], "weightDecay": {"output": 0, "layers": [0.1]}}""", "weightDecay.output must be > 0"],
        // rules of the core's Architecture, which names its own parameters (outputDecay, layerDecays[k]): the CLI states them in JSON fields
        ["""{"inputCovariance": [[1]], "inputOutputCorrelation": [1], "outputSecondMoment": 1, "depth": 2, "widths": [2, 2], "noiseVariances": [0, 0], "weightDecay": {"output": 0.1, "layers": [0.1]}}""", "weightDecay.layers must have one entry per hidden layer: depth is 2 but 1 were given"],
        ["""{"inputCovariance": [[1]], "inputOutputCorrelation": [1], "outputSecondMoment": 1, "depth": 2, "widths": [2, 2], "noiseVariances": [0, 0], "weightDecay": {"output": 0.1, "layers": [0.1, -2]}}""", "weightDecay.layers[1] must be >= 0, got -2"],
        ["""{"inputCovariance": [[1]], "inputOutputCorrelation": [1], "outputSecondMoment": 1, "depth": 0, "widths": [], "noiseVariances": [], "weightDecay": {"output": -1, "layers": []}}""", "weightDecay.output must be >= 0, got -1"],
        ["""{"inputCovariance": [[1]], "inputOutputCorrelation": [1], "outputSecondMoment": 1, "depth": 2, "widths": [2, 2], "noiseVariances": [0, 0], "weightDecay": {"output": 0.1, "layers": [0.1, 0]}}""", "weightDecay.layers[1] must be > 0 for the exact solution"],
        ["""{"inputCovariance": [[1]], "inputOutputCorrelation": [1], "outputSecondMoment": 1, "depth": 1, "widths": [0], "noiseVariances": [0], "weightDecay": {"output": 0.1, "layers": [0.1]}}""", "widths[0] must be >= 1"],
    };

    [Theory]
    [MemberData(nameof(BadProblems))]
    public void Bad_input_exits_2_with_one_line_naming_the_rule(string problem, string message)
    {
        string path = WriteTemp(problem);
        var (code, stdout, stderr) = RunInProcess("solve", path);
        File.Delete(path);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains(message, stderr);
        // the core's parameter names never reach a user of the JSON contract
        Assert.DoesNotContain("layerDecays", stderr);
        Assert.DoesNotContain("outputDecay", stderr);
    }

    [Fact]
    public void Core_parameters_map_to_the_problem_files_fields()
    {
        Assert.Equal("weightDecay.output", DeepLinear.Cli.ProblemJson.FieldOf("outputDecay"));
        Assert.Equal("weightDecay.layers", DeepLinear.Cli.ProblemJson.FieldOf("layerDecays"));
        Assert.Equal("weightDecay.layers[12]", DeepLinear.Cli.ProblemJson.FieldOf("layerDecays[12]"));
        Assert.Equal("noiseVariances[0]", DeepLinear.Cli.ProblemJson.FieldOf("noiseVariances[0]"));
        Assert.Equal("outputSecondMoment", DeepLinear.Cli.ProblemJson.FieldOf("outputSecondMoment"));
        var core = Assert.ThrowsAny<ArgumentException>(() => new Architecture(2, [2, 2], [0, 0], 0.1, [0.1, 0]).RequirePositiveDecays());
        Assert.StartsWith("layerDecays[1] must be > 0", core.Message);
        Assert.StartsWith("weightDecay.layers[1] must be > 0", DeepLinear.Cli.ProblemJson.InFileTerms(core).Message);
        Assert.DoesNotContain("(Parameter", DeepLinear.Cli.ProblemJson.InFileTerms(core).Message);
    }

    [Fact]
    public void Critical_decay_names_the_JSON_field_of_a_zero_decay()
    {
        var data = RandomProblems.Data(new Random(3), 2, 1);
        var result = OnFile("critical-decay", Problem(data, new Architecture(2, [2, 2], [0, 0], 0.1, [0.1, 0])));
        AssertOneLineError(result, "zero layer decay");
        Assert.Contains("weightDecay.layers[1] must be > 0 for the exact solution", result.Err);
    }

    [Fact]
    public void Bad_command_lines_exit_2_with_one_line_through_the_real_process()
    {
        foreach (var args in new[] { new[] { "solve" }, ["solve", "/no/such/file.json"], ["frobnicate"], [] })
        {
            var (code, stdout, stderr) = RunProcess(args);
            Assert.Equal(2, code);
            Assert.Equal("", stdout);
            Assert.Single(stderr.TrimEnd('\n').Split('\n'));
            Assert.StartsWith("deeplinear: ", stderr);
        }
        var (okCode, help, _) = RunProcess("--help");
        Assert.Equal(0, okCode);
        Assert.Contains("solve", help);
    }
}
