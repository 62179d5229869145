using System.Globalization;
using System.Text.Json.Nodes;
using MathNet.Numerics.LinearAlgebra;
using Xunit;
using static DeepLinear.Cli.Tests.CliHarness;

namespace DeepLinear.Cli.Tests;

/// <summary>`solve --weights`, `solve` on samples, `critical-decay` and `regime-grid`, each checked against the library and brute force.</summary>
public class ResearcherCommandTests
{
    static JsonNode Ok((int Code, string Out, string Err) result)
    {
        Assert.True(result.Code == 0, $"exit {result.Code}: {result.Err}");
        Assert.Equal("", result.Err);
        return JsonNode.Parse(result.Out)!;
    }

    [Fact]
    public void Printed_weights_reproduce_the_global_minimum_through_the_full_expected_loss()
    {
        for (int seed = 40; seed < 46; seed++)
        {
            var random = new Random(seed);
            var data = RandomProblems.Data(random, 3, 0.5 + random.NextDouble());
            var arch = RandomProblems.Architecture(random, seed % 4);
            var json = Ok(OnFile("solve", Problem(data, arch), "--weights"));
            var weights = Weights(json);
            weights.RequireShape(arch, data.Dimension);
            double reported = (double)json["globalMinimumLoss"]!;
            // the printed doubles round-trip exactly; the full loss sums O(E[y²]) terms, so round-off is ~1e-15·E[y²]
            Tolerance.Close(reported, ExpectedLoss.Value(data, arch, weights), 0, 1e-13 * data.Eyy, $"seed {seed}: full loss of the printed weights");
            var brute = BruteForce.Minimise(data, arch, starts: 8, seed: seed);
            // L-BFGS stops at ‖∇L‖∞ ≤ 1e-10, far below this
            Tolerance.Close(brute[0].Loss, reported, 1e-8, 0, $"seed {seed}: globalMinimumLoss vs brute force");
        }
    }

    [Fact]
    public void Weights_of_a_trivial_global_minimum_are_zero()
    {
        var data = DataStatistics.Isotropic(1, Vector<double>.Build.DenseOfArray([0.05, 0]), 1);
        var json = Ok(OnFile("solve", Problem(data, Architecture.Uniform(2, 3, 0.1, 0.5)), "--weights"));
        Assert.Equal("trivial-only", (string)json["regime"]!);
        Assert.All(Weights(json).Flatten(), v => Assert.Equal(0, v));
    }

    static string Csv(Matrix<double> x, Vector<double> y) =>
        string.Join(',', Enumerable.Range(0, x.ColumnCount).Select(c => $"x{c}")) + ",y\n"
        + string.Concat(Enumerable.Range(0, x.RowCount).Select(r => string.Join(',', x.Row(r).Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "," + y[r].ToString("R", CultureInfo.InvariantCulture) + "\n"));

    [Fact]
    public void Samples_from_a_CSV_give_the_same_answer_as_their_statistics()
    {
        var random = new Random(3);
        var x = Matrix<double>.Build.Dense(50, 3, (_, _) => 2 + random.NextGaussian());
        var y = Vector<double>.Build.Dense(50, r => 0.7 * x[r, 0] - 0.2 * x[r, 2] + 0.3 * random.NextGaussian());
        string folder = Path.Combine(Path.GetTempPath(), $"samples-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, "data.csv"), Csv(x, y));
            var arch = Architecture.Uniform(2, 3, 0.2, 0.05);
            var architecture = CliHarness.ProblemNode(DataStatistics.FromSamples(x, y), arch);
            foreach (var standardize in new[] { false, true })
            {
                var node = architecture.DeepClone().AsObject();
                foreach (var field in new[] { "inputCovariance", "inputOutputCorrelation", "outputSecondMoment" }) node.Remove(field);
                node["samples"] = "data.csv";
                node["standardize"] = standardize;
                string problem = Path.Combine(folder, "problem.json");
                File.WriteAllText(problem, node.ToJsonString());
                var fromCsv = RunInProcess("solve", problem);
                var set = RegressionData.Load(Path.Combine(folder, "data.csv"));
                var expected = SolutionJson(ExactSolver.Solve((standardize ? set.Standardized() : set).Statistics(), arch));
                Assert.Equal(expected, fromCsv.Out.TrimEnd('\n'));
                Assert.Equal(0, fromCsv.Code);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    static string SolutionJson(ExactSolution solution) => DeepLinear.Cli.SolutionJson.Write(solution);

    public static IEnumerable<object[]> BadSamples() => new[]
    {
        new object[] { "{\"samples\": \"/no/such.csv\", \"depth\": 0, \"widths\": [], \"noiseVariances\": [], \"weightDecay\": {\"output\": 0, \"layers\": []}}", "data file '/no/such.csv' does not exist" },
        ["{\"samples\": 3, \"depth\": 0, \"widths\": [], \"noiseVariances\": [], \"weightDecay\": {\"output\": 0, \"layers\": []}}", "samples must be the path of a CSV file (a string), got the number 3"],
        ["{\"samples\": \"x.csv\", \"outputSecondMoment\": 1, \"depth\": 0, \"widths\": [], \"noiseVariances\": [], \"weightDecay\": {\"output\": 0, \"layers\": []}}", "give either 'samples' or the statistics, not both"],
        ["{\"inputCovariance\": [[1]], \"inputOutputCorrelation\": [0.5], \"outputSecondMoment\": 1, \"standardize\": true, \"depth\": 0, \"widths\": [], \"noiseVariances\": [], \"weightDecay\": {\"output\": 0, \"layers\": []}}", "standardize applies only to 'samples'"],
    };

    [Theory]
    [MemberData(nameof(BadSamples))]
    public void Bad_samples_exit_2_naming_the_field(string problem, string message)
    {
        var result = OnFile("solve", problem);
        AssertOneLineError(result, message);
        Assert.Contains(message, result.Err);
    }

    [Fact]
    public void A_malformed_CSV_is_reported_with_its_1_based_line()
    {
        string csv = WriteTemp("a,y\n1,2\n3,x\n", "csv");
        try
        {
            var result = OnFile("solve", $"{{\"samples\": \"{csv}\", \"depth\": 0, \"widths\": [], \"noiseVariances\": [], \"weightDecay\": {{\"output\": 0, \"layers\": []}}}}");
            AssertOneLineError(result, "malformed CSV");
            Assert.Contains("line 3, column 'y': 'x' is not a number", result.Err);
        }
        finally
        {
            File.Delete(csv);
        }
    }

    [Fact]
    public void Critical_decay_matches_Theorem_1_and_the_library_and_brute_force_on_both_sides()
    {
        var data = RandomProblems.Data(new Random(5), 4, 1, spread: 10);
        // D = 1, any widths and noise: collapse when κ²γ_uγ₁ = ‖E[xy]‖²
        var two = new Architecture(1, [3], [0.4], 0.02, [0.08]);
        var json = Ok(OnFile("critical-decay", Problem(data, two)));
        Assert.True((bool)json["collapses"]!);
        // log κ* is bisected to adjacent doubles of a regime decision made to round-off: the help promises about 1e-12
        Tolerance.Close(data.SignalNorm / Math.Sqrt(0.02 * 0.08), (double)json["criticalFactor"]!, 1e-12, 0, "Theorem 1: κ* = ‖E[xy]‖/√(γ_uγ₁)");
        Tolerance.Close(0.08 * (double)json["criticalFactor"]!, (double)json["criticalWeightDecay"]!["layers"]![0]!, 1e-15, 0, "critical γ₁ = κ*γ₁");

        var uniform = Architecture.Uniform(3, 3, 0.4, 0.01);
        var uniformJson = Ok(OnFile("critical-decay", Problem(data, uniform)));
        // the library's γ* is bisected to a bracket 1e-10 wide in log γ (within 5e-11), the CLI's to about 1e-12
        Tolerance.Close(RegimeDiagram.CriticalDecay(data, g => Architecture.Uniform(3, 3, 0.4, g)), (double)uniformJson["criticalWeightDecay"]!["output"]!, 1e-10, 0, "equal decays: the library's γ*");

        var unequal = new Architecture(2, [3, 2], [0.3, 0.6], 0.01, [0.03, 0.005]);
        double factor = (double)Ok(OnFile("critical-decay", Problem(data, unequal)))["criticalFactor"]!;
        Architecture Scaled(double f) => new(2, [3, 2], [0.3, 0.6], 0.01 * f, [0.03 * f, 0.005 * f]);
        Assert.Equal(Regime.NontrivialGlobal, ExactSolver.Solve(data, Scaled(factor * (1 - 1e-7))).Regime);
        Assert.NotEqual(Regime.NontrivialGlobal, ExactSolver.Solve(data, Scaled(factor * (1 + 1e-7))).Regime);
        // independent of the solver: 10% either side, multi-start L-BFGS finds a minimum below E[y²] only below κ*
        Assert.True(BruteForce.Minimise(data, Scaled(0.9 * factor), 24, seed: 2)[0].Loss < data.Eyy - 1e-6, "below κ* brute force must beat E[y²]");
        Assert.True(BruteForce.Minimise(data, Scaled(1.1 * factor), 24, seed: 2)[0].Loss >= data.Eyy - 1e-12, "above κ* brute force must not beat E[y²]");

        var ridge = Ok(OnFile("critical-decay", Problem(data, Architecture.Ridge(0.1))));
        Assert.False((bool)ridge["collapses"]!);
        Assert.Null(ridge["criticalFactor"]);
    }

    [Fact]
    public void Critical_decay_far_outside_float64_is_reported_by_its_log()
    {
        // D = 1: κ* = ‖E[xy]‖/√(γ_uγ₁) = 1e50/1e-300 = 1e350, beyond float64 (A0 = 1e100 keeps E[y²] = 2 realisable)
        string problem = "{\"inputCovariance\": [[1e100]], \"inputOutputCorrelation\": [1e50], \"outputSecondMoment\": 2, \"depth\": 1, \"widths\": [4], \"noiseVariances\": [0], \"weightDecay\": {\"output\": 1e-300, \"layers\": [1e-300]}}";
        var json = Ok(OnFile("critical-decay", problem));
        Assert.Null(json["criticalFactor"]);
        Tolerance.Close(350, (double)json["log10CriticalFactor"]!, 0, 1e-8, "log10 κ*");
        Tolerance.Close(1e50, (double)json["criticalWeightDecay"]!["output"]!, 1e-8, 0, "critical γ_u = κ*·1e-300");
    }

    [Fact]
    public void Regime_grid_rows_are_the_solver_at_each_point_with_the_label_scaled()
    {
        var data = RandomProblems.Data(new Random(9), 3, 1, spread: 8);
        var arch = new Architecture(2, [3, 2], [0.5, 0.2], 0.02, [0.04, 0.01]);
        var (code, stdout, stderr) = OnFile("regime-grid", Problem(data, arch), "--decays", "1e-3:1:7", "--signals", "0,0.05,0.3,1,3");
        Assert.True(code == 0, stderr);
        var rows = stdout.TrimEnd('\n').Split('\n');
        Assert.Equal("decay,signal,regime,globalMinimumLoss,trivialLoss", rows[0]);
        Assert.Equal(1 + 7 * 5, rows.Length);
        var regimes = new HashSet<string>();
        foreach (var row in rows.Skip(1))
        {
            var cells = row.Split(',');
            double decay = double.Parse(cells[0], CultureInfo.InvariantCulture), signal = double.Parse(cells[1], CultureInfo.InvariantCulture);
            double k = signal / data.SignalNorm;
            var scaled = new DataStatistics(data.A0, data.Exy * k, data.Eyy * k * k);
            var at = new Architecture(2, [3, 2], [0.5, 0.2], decay, [0.04 * decay / 0.02, 0.01 * decay / 0.02]);
            var single = ExactSolver.Solve(scaled, at);
            Assert.Equal(single.Regime.Name(), cells[2]);
            // the grid sweeps one landscape in logs; the same point solved afresh agrees to round-off of E[y²]
            Tolerance.Close(single.GlobalMinimumLoss, double.Parse(cells[3], CultureInfo.InvariantCulture), 0, 1e-13 * Math.Max(1, single.TrivialLoss), $"loss at ({decay}, {signal})");
            Tolerance.Close(single.TrivialLoss, double.Parse(cells[4], CultureInfo.InvariantCulture), 1e-14, 0, "E[y²] of the scaled label");
            Assert.True(double.Parse(cells[3], CultureInfo.InvariantCulture) <= double.Parse(cells[4], CultureInfo.InvariantCulture), $"{row}: loss above E[y²]");
            if (cells[2] != "nontrivial-global") Assert.Equal(cells[4], cells[3]);
            regimes.Add(cells[2]);
        }
        Assert.Equal(3, regimes.Count);
        Assert.StartsWith("0.001,", rows[1]);
        Assert.StartsWith("1,", rows[^1]);
    }

    [Fact]
    public void Regime_grid_scales_the_label_by_a_factor_whose_square_overflows()
    {
        // ‖E[xy]‖ = √2·1e-200, so signal 1 multiplies y by k ≈ 7e199: k² = ∞ but E[y²]k·k = 5e300 is finite
        var data = DataStatistics.Isotropic(1e-300, Vector<double>.Build.Dense(2, 1e-200), 1e-99);
        var arch = Architecture.Uniform(2, 3, 0.5, 0.01);
        var (code, stdout, stderr) = OnFile("regime-grid", Problem(data, arch), "--decays", "0.01", "--signals", "1");
        Assert.True(code == 0, stderr);
        var cells = stdout.TrimEnd('\n').Split('\n')[1].Split(',');
        double k = 1 / data.SignalNorm;
        var single = ExactSolver.Solve(new DataStatistics(data.A0, data.Exy * k, data.Eyy * k * k), arch);
        Assert.Equal(single.Regime.Name(), cells[2]);
        // logs near 460 carry 460ε ≈ 1e-13
        Tolerance.Close(single.GlobalMinimumLoss, double.Parse(cells[3], CultureInfo.InvariantCulture), 1e-12, 0, "loss with the label scaled");
    }

    [Fact]
    public void Regime_grid_refuses_depth_0_and_zero_decays_with_one_line()
    {
        var data = RandomProblems.Data(new Random(1), 2, 1);
        var ridge = OnFile("regime-grid", Problem(data, Architecture.Ridge(0.1)), "--decays", "1", "--signals", "1");
        AssertOneLineError(ridge, "depth 0");
        Assert.Contains("depth must be >= 1 for regime-grid", ridge.Err);
        var zero = OnFile("regime-grid", Problem(data, new Architecture(1, [2], [0], 0.1, [0])), "--decays", "1", "--signals", "1");
        AssertOneLineError(zero, "zero decay");
        Assert.Contains("weightDecay.layers[0] must be > 0", zero.Err);
    }
}
