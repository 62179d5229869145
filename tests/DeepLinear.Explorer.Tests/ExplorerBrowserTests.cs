using System.Text.Json.Nodes;
using DeepLinear.Notebooks.Site;
using Xunit;

namespace DeepLinear.Explorer.Tests;

/// <summary>
/// explorer.html in headless Chromium against the served site: it loads without script errors, its URL parameters set
/// its controls, and as a script moves its controls, its regime, losses and stationary points are `deeplinear solve`'s
/// for the same problem, its critical values the library's and `deeplinear critical-decay`'s, and its regime map
/// `deeplinear regime-grid`'s. The CLI runs in-process (the same entry point as the command).
/// </summary>
public class ExplorerBrowserTests(ExplorerSite site) : IClassFixture<ExplorerSite>
{
    // WebAssembly's libm and glibc's may differ in the last bits of exp/log; every quantity is a short chain of such
    // calls plus root finding to adjacent doubles, so agreement is far tighter than this bound.
    const double Relative = 1e-9;

    /// <summary>Problems across regimes and depths (URL queries), including per-layer widths and an anisotropic input.</summary>
    public static TheoryData<string> Problems => new()
    {
        "depth=1&width=4&noise=0&decay=0.1&signal=1",
        "depth=2&width=3&noise=0.2&noise-kind=dropout&decay=0.1&signal=1",
        "depth=5&width=4&noise=1&decay=0.01&signal=1",
        "depth=3&width=4,6,5&noise=0.5&decay=0.05&signal=1&eigenvalues=2,0.2&weights=1,3&residual=0.2",
        "depth=12&width=8&noise=0.5&decay=0.001&signal=1&layer-decays=0.002&residual=1",
    };

    [Fact]
    public void The_page_loads_without_script_errors_and_draws_its_first_result()
    {
        site.Open();

        var root = Attributes();
        Assert.Equal("ready", root["explorer"]);
        Assert.False(root.ContainsKey("jsErrors"), "script errors: " + root.GetValueOrDefault("jsErrors"));
        Assert.False(root.ContainsKey("error"), "page error: " + root.GetValueOrDefault("error"));
        Assert.Contains(root["regime"], new[] { "nontrivial-global", "trivial-global", "trivial-only" });
        Assert.Equal(true, site.Browser.Evaluate("!!document.querySelector('#landscape .main-svg') && !!document.querySelector('#map .main-svg')")?.GetValue<bool>());
    }

    [Fact]
    public void Url_parameters_preset_every_control_and_a_notebook_gets_a_link_back()
    {
        site.Open("depth=3&width=5,6,7&noise=0.2&noise-kind=dropout&decay=0.03&output-decay=0.04&signal=0.7&eigenvalues=1,0.5&weights=2,1&residual=0.25&notebook=02-depth-d-solution");

        var problem = State("solve")["problem"]!;
        Assert.Equal(3, problem["depth"]!.GetValue<int>());
        Assert.Equal([5, 6, 7], problem["widths"]!.AsArray().Select(w => w!.GetValue<int>()));
        Assert.All(problem["noiseVariances"]!.AsArray(), s => Assert.Equal(Architecture.NoiseVarianceFromDropRate(0.2), s!.GetValue<double>()));
        Assert.Equal(0.04, problem["weightDecay"]!["output"]!.GetValue<double>());
        Assert.All(problem["weightDecay"]!["layers"]!.AsArray(), g => Assert.Equal(0.03, g!.GetValue<double>()));
        var exy = problem["inputOutputCorrelation"]!.AsArray().Select(e => e!.GetValue<double>()).ToArray();
        Assert.Equal(0.7, Math.Sqrt(exy.Sum(e => e * e)), 1e-15); // ‖E[xy]‖ from a square root of a sum: round-off only
        Assert.Equal(2.0, exy[0] * exy[0] / (exy[1] * exy[1]), 1e-14); // the shares 2 : 1 of ‖E[xy]‖²
        Assert.Equal("02-depth-d-solution.html", site.Browser.Evaluate("document.getElementById('back').getAttribute('href')")?.GetValue<string>());
        Assert.Equal(false, site.Browser.Evaluate("document.getElementById('back').hidden")?.GetValue<bool>());
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void Moving_the_signal_changes_the_regime_exactly_where_deeplinear_solve_says(string query)
    {
        site.Open(query);
        var (data, architecture) = Cli.ProblemJson.Parse(State("solve")["problem"]!.ToJsonString());
        var (existence, global) = RegimeDiagram.CriticalSignals(data, architecture);
        var signals = Enumerable.Range(0, 9).Select(i => global * Math.Pow(10, (i - 4) / 4.0))
            .Concat([global * (1 - 1e-6), global * (1 + 1e-6), existence * (1 - 1e-6), existence * (1 + 1e-6)]).ToArray();
        var seen = new HashSet<string>();
        foreach (double signal in signals)
        {
            site.Set("signal", signal.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            var page = State("solve");
            var cli = Solve(page["problem"]!);
            string where = $"{query} at signal {signal:R}";
            Assert.Equal(cli["regime"]!.GetValue<string>(), page["regime"]!.GetValue<string>());
            Assert.Equal(cli["regime"]!.GetValue<string>(), Attributes()["regime"]);
            Assert.Equal(cli["zeroIs"]!.GetValue<string>(), page["zeroIs"]!.GetValue<string>());
            Close(cli["globalMinimumLoss"]!, page["globalMinimumLoss"]!, where + ", global-minimum loss");
            Close(cli["trivialLoss"]!, page["trivialLoss"]!, where + ", E[y²]");
            var cliPoints = cli["solutions"]!.AsArray();
            var pagePoints = page["solutions"]!.AsArray();
            Assert.Equal(cliPoints.Count, pagePoints.Count);
            for (int i = 0; i < cliPoints.Count; i++)
            {
                Assert.Equal(cliPoints[i]!["kind"]!.GetValue<string>(), pagePoints[i]!["kind"]!.GetValue<string>());
                Close(cliPoints[i]!["loss"]!, pagePoints[i]!["loss"]!, $"{where}, loss of stationary point {i}");
                Close(cliPoints[i]!["log10Scale"]!, pagePoints[i]!["log10Scale"]!, $"{where}, log10 B of stationary point {i}");
            }
            seen.Add(page["regime"]!.GetValue<string>());
        }
        // The sweep crosses the global critical signal, so the page showed both sides of it.
        Assert.Contains("nontrivial-global", seen);
        Assert.True(seen.Count >= 2, $"{query}: the sweep showed only {string.Join(", ", seen)}");
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void Critical_values_are_the_librarys_and_deeplinear_critical_decays(string query)
    {
        site.Open(query);
        var page = State("critical");
        var (data, architecture) = Cli.ProblemJson.Parse(State("solve")["problem"]!.ToJsonString());
        var (existence, global) = RegimeDiagram.CriticalSignals(data, architecture);
        Close(existence, page["existenceSignal"]!.GetValue<double>(), query + ", existence signal");
        Close(global, page["globalSignal"]!.GetValue<double>(), query + ", global signal");
        var cli = Run("critical-decay", State("solve")["problem"]!);
        Close(cli["criticalWeightDecay"]!["output"]!, page["criticalOutputDecay"]!, query + ", critical γ_u");
        var bounds = page["bounds"]!;
        if (architecture.Depth == 1)
            Close(Math.Sqrt(architecture.OutputDecay * architecture.LayerDecays[0]), bounds["theorem1Signal"]!.GetValue<double>(), "Theorem 1");
        if (bounds["uniform"]!.GetValue<bool>() && architecture.Depth >= 2)
        {
            // Eqs. 14 and 15 bracket the exact existence signal, and Eq. 18 is sufficient for a nontrivial global minimum.
            Assert.True(bounds["eq14ExistenceSignal"]!.GetValue<double>() <= existence * (1 + Relative), query + ": Eq. 14");
            Assert.True(existence <= bounds["eq15ExistenceSignal"]!.GetValue<double>() * (1 + Relative), query + ": Eq. 15");
            Assert.True(global <= bounds["eq18GlobalSignal"]!.GetValue<double>() * (1 + Relative), query + ": Eq. 18");
        }
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void The_regime_map_is_deeplinear_regime_grids(string query)
    {
        site.Open(query);
        var map = State("map");
        var decays = map["decays"]!.AsArray().Select(d => d!.GetValue<double>()).ToArray();
        var signals = map["signals"]!.AsArray().Select(s => s!.GetValue<double>()).ToArray();
        var regimes = map["regimes"]!.AsArray().Select(r => r!.GetValue<int>()).ToArray();
        Assert.Equal(60, decays.Length); // the full-resolution map once the control is released
        var file = ProblemFile(State("solve")["problem"]!);
        string R(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var (code, stdout, stderr) = Execute(["regime-grid", file, "--decays", string.Join(',', decays.Select(R)), "--signals", string.Join(',', signals.Select(R))]);
        Assert.True(code == 0, stderr);
        var rows = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[2]).ToArray();
        var names = new[] { Regime.NontrivialGlobal.Name(), Regime.TrivialGlobal.Name(), Regime.TrivialOnly.Name() };
        Assert.Equal(rows, regimes.Select(r => names[r]));
        Assert.True(regimes.Distinct().Count() >= 2, query + ": the map shows a boundary");
    }

    [Fact]
    public void A_notebook_page_links_the_explorer_at_its_setting()
    {
        var query = ExplorerPresets.Query("02-depth-d-solution")!;
        site.Open(query);
        var preset = ExplorerPresets.All["02-depth-d-solution"];
        var problem = State("solve")["problem"]!;
        Assert.Equal(preset.Depth, problem["depth"]!.GetValue<int>());
        Assert.All(problem["widths"]!.AsArray(), w => Assert.Equal(preset.Width, w!.GetValue<int>()));
        Assert.All(problem["noiseVariances"]!.AsArray(), s => Assert.Equal(Architecture.NoiseVarianceFromDropRate(preset.Noise), s!.GetValue<double>()));
        Assert.Equal(preset.Decay, problem["weightDecay"]!["output"]!.GetValue<double>());
        Assert.Equal("02-depth-d-solution.html", site.Browser.Evaluate("document.getElementById('back').getAttribute('href')")?.GetValue<string>());
    }

    [Fact]
    public void Opened_from_a_file_the_page_says_how_to_serve_it()
    {
        site.Browser.Navigate(new Uri(Path.Combine(site.Folder, ExplorerPage.FileName)).AbsoluteUri, "document.documentElement.dataset.explorer === 'file'", TimeSpan.FromSeconds(30));
        Assert.Equal(false, site.Browser.Evaluate("document.getElementById('file-note').hidden")?.GetValue<bool>());
        Assert.Contains("deeplinear serve", site.Browser.Evaluate("document.getElementById('file-note').textContent")!.GetValue<string>());
        Assert.Equal(false, site.Browser.Evaluate("document.documentElement.hasAttribute('data-js-errors')")?.GetValue<bool>());
    }

    [Fact]
    public void Bad_input_names_the_parameter_and_leaves_no_result()
    {
        site.Open("depth=2&decay=0.1");
        site.Set("width", "4,4,4");
        Assert.Contains("widths has 3 entries", Attributes()["error"]);
        site.Set("width", "4");
        site.Set("eigenvalues", "1,-1");
        site.Set("weights", "1,1");
        Assert.Contains("eigenvalues[1] must be finite and > 0", Attributes()["error"]);
        Assert.Null(site.Browser.Evaluate("window.deepLinearExplorer.state.solve"));
    }

    Dictionary<string, string> Attributes() =>
        site.Browser.Evaluate("Object.assign({}, document.documentElement.dataset)")!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());

    JsonNode State(string part) => site.Browser.Evaluate($"window.deepLinearExplorer.state.{part}")
        ?? throw new InvalidOperationException($"the page has no {part} result; its error: {Attributes().GetValueOrDefault("error")}");

    static void Close(JsonNode expected, JsonNode actual, string what) => Close(expected.GetValue<double>(), actual.GetValue<double>(), what);

    static void Close(double expected, double actual, string what) =>
        Assert.True(Math.Abs(actual - expected) <= Relative * Math.Abs(expected), $"{what}: page {actual:R}, CLI/library {expected:R}");

    JsonNode Solve(JsonNode problem) => Run("solve", problem);

    JsonNode Run(string command, JsonNode problem)
    {
        var (code, stdout, stderr) = Execute([command, ProblemFile(problem)]);
        Assert.True(code == 0, $"deeplinear {command}: {stderr}");
        return JsonNode.Parse(stdout)!;
    }

    string ProblemFile(JsonNode problem)
    {
        var file = Path.Combine(site.Folder, "problem.json");
        File.WriteAllText(file, problem.ToJsonString());
        return file;
    }

    static (int Code, string Stdout, string Stderr) Execute(string[] args) => CliInProcess.Execute(args);
}
