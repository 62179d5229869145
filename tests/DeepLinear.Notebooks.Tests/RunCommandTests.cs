using System.Diagnostics;
using DeepLinear.Notebooks.Ipynb;
using Xunit;

namespace DeepLinear.Notebooks.Tests;

/// <summary><c>deeplinear run</c>: files written, summary, exit codes, argument errors, help, isolation of notebooks.</summary>
public class RunCommandTests
{
    [Fact]
    public void Run_writes_executed_notebooks_pages_index_and_assets()
    {
        Assert.Equal(1, RenderedSite.ExitCode);
        foreach (var name in RenderedSite.Notebooks)
        {
            Assert.True(File.Exists(Path.Combine(RenderedSite.Folder, name + ".ipynb")), name + ".ipynb");
            Assert.True(File.Exists(Path.Combine(RenderedSite.Folder, name + ".html")), name + ".html");
        }
        Assert.True(File.Exists(Path.Combine(RenderedSite.Folder, "index.html")));
        Assert.True(new FileInfo(Path.Combine(RenderedSite.Folder, "assets", "plotly.min.js")).Length > 1_000_000);
        Assert.True(File.Exists(Path.Combine(RenderedSite.Folder, "assets", "katex", "katex.min.js")));
        Assert.True(File.Exists(Path.Combine(RenderedSite.Folder, "assets", "katex", "fonts", "KaTeX_Main-Regular.woff2")));
    }

    [Fact]
    public void Executed_notebook_keeps_its_sources_and_polyglot_metadata_and_records_the_run()
    {
        var executed = Notebook.Load(Path.Combine(RenderedSite.Folder, "foreign.ipynb"));
        var source = Notebook.Load(Repo.Fixture("foreign"));

        Assert.Equal(source.Metadata["kernelspec"]!.ToJsonString(), executed.Metadata["kernelspec"]!.ToJsonString());
        Assert.Equal("polyglot-notebook", executed.Metadata["language_info"]!["name"]!.GetValue<string>());
        Assert.Equal("csharp", executed.DefaultKernelName);
        Assert.Equal(source.Cells.Select(c => c.Source), executed.Cells.Select(c => c.Source));
        Assert.Contains(executed.Cells[3].Outputs, o => Notebooks.Site.PageRenderer.Figure(o["data"]?[Notebooks.Site.PageRenderer.PlotlyMime]) is not null);
        var run = executed.Metadata["deeplinear"]!["run"]!;
        Assert.Equal("ok", run["status"]!.GetValue<string>());
        Assert.Equal(".net-csharp", run["kernel"]!.GetValue<string>());
        Assert.InRange(run["kernel_start_seconds"]!.GetValue<double>(), 0.1, run["seconds"]!.GetValue<double>());
        var failed = Notebook.Load(Path.Combine(RenderedSite.Folder, "throws.ipynb")).Metadata["deeplinear"]!["run"]!;
        Assert.Equal("failed", failed["status"]!.GetValue<string>());
        Assert.StartsWith($"{Repo.Fixture("throws")}: cell 3, line 2", failed["failure"]!.GetValue<string>());
    }

    [Fact]
    public void Summary_lists_each_notebook_and_stderr_reports_the_failing_cell()
    {
        var (stdout, stderr) = RenderedSite.Printed;

        Assert.Matches(@"basics\.ipynb\s+4/4\s+\d+\.\d\s+ok", stdout);
        Assert.Matches(@"throws\.ipynb\s+2/3\s+\d+\.\d\s+FAILED at cell 3", stdout);
        Assert.Contains("3/4 notebooks ok", stdout);
        // The failure's report is repeated under the summary, where a reader of the run's end looks for it.
        var afterSummary = stdout[stdout.IndexOf("3/4 notebooks ok", StringComparison.Ordinal)..];
        Assert.Contains($"{Repo.Fixture("throws")}: cell 3, line 2: throw new InvalidOperationException(\"the loss diverged at step 17\");", afterSummary);
        Assert.Contains("System.InvalidOperationException: the loss diverged at step 17", afterSummary);
        Assert.Contains($"{Repo.Fixture("throws")}: cell 3, line 2: throw new InvalidOperationException(\"the loss diverged at step 17\");", stderr);
        Assert.Contains("System.InvalidOperationException: the loss diverged at step 17", stderr);
        Assert.Contains("cell 1 injected parameters ok", stderr);
        Assert.Matches(@"kernel ready in \d+\.\d\d s", stderr);
    }

    [Fact]
    public void Test_parameters_from_notebook_metadata_are_applied()
    {
        var executed = Notebook.Load(Path.Combine(RenderedSite.Folder, "parameters.ipynb"));

        Assert.Equal(["injected-parameters"], executed.Cells[1].Tags);
        var run = executed.Metadata["deeplinear"]!["run"]!;
        Assert.Equal("ok", run["status"]!.GetValue<string>());
        Assert.Equal("reduced", run["parameters"]!["label"]!.GetValue<string>());
        Assert.Equal(3, executed.Metadata["deeplinear"]!["test_parameters"]!["steps"]!.GetValue<int>());
        Assert.Equal("steps=3 lr=0.5 scale=1 label=reduced verbose=False\n", Outputs.Text(executed.Cells[2].Outputs[0]));
    }

    [Fact]
    public void Param_option_overrides_a_default()
    {
        var folder = Repo.TempFolder();
        var stdout = new StringWriter();
        var exit = Cli.Cli.Execute(["run", Repo.Fixture("parameters"), "--out", folder, "--param", "steps=11", "--param", "label=cli", "--cache", Repo.TempFolder()], stdout, new StringWriter());

        Assert.Equal(0, exit);
        var executed = Notebook.Load(Path.Combine(folder, "parameters.ipynb"));
        Assert.Equal("steps=11 lr=0.5 scale=1 label=cli verbose=False\n", Outputs.Text(executed.Cells[2].Outputs[0]));
    }

    [Fact]
    public void A_runaway_cell_and_a_crash_are_reported_with_their_cells_while_the_other_notebooks_complete()
    {
        var folder = Repo.TempFolder();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = Cli.Cli.Execute(["run", Repo.Fixture("timeout"), Repo.Fixture("crash"), Repo.Fixture("basics"), Repo.Fixture("formatter"),
            "--out", folder, "--timeout", "7", "-j", "2", "--cache", Repo.TempFolder()], stdout, stderr);

        Assert.Equal(1, exit);
        var summary = stdout.ToString();
        Assert.Matches(@"timeout\.ipynb\s+2/3\s+\d+\.\d\s+FAILED at cell 2", summary);
        Assert.Matches(@"crash\.ipynb\s+2/3\s+\d+\.\d\s+FAILED at cell 3", summary);
        Assert.Matches(@"basics\.ipynb\s+4/4\s+\d+\.\d\s+ok", summary);
        Assert.Matches(@"formatter\.ipynb\s+2/2\s+\d+\.\d\s+ok", summary);
        Assert.Contains("2/4 notebooks ok", summary);
        var progress = stderr.ToString();
        Assert.Contains($"{Repo.Fixture("timeout")}: cell 2\n  CellTimeout: the cell ran longer than the time limit of 7 s", progress);
        Assert.Contains($"{Repo.Fixture("crash")}: cell 3\n  KernelDied: the kernel process died while the cell ran", progress);
        Assert.Matches(@"  timeout: cell 2 running [5-7] s", progress);
    }

    [Fact]
    public void A_second_run_serves_unchanged_notebooks_from_the_cache_and_reruns_on_a_changed_parameter()
    {
        var cache = Repo.TempFolder();
        string Run(string[] notebooks, params string[] extra)
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            Assert.True(0 == Cli.Cli.Execute(["run", .. notebooks.Select(Repo.Fixture), "--out", Repo.TempFolder(), "--cache", cache, .. extra], stdout, stderr), stderr.ToString());
            return stdout.ToString();
        }
        string[] both = ["parameters", "basics"];
        Assert.Contains("(2 ran, 0 cached)", Run(both));
        var second = Run(both);
        Assert.Contains("(0 ran, 2 cached)", second);
        Assert.Matches(@"basics\.ipynb\s+4/4\s+0\.0\s+ok\s+cached", second);
        Assert.Matches(@"parameters\.ipynb\s+\d+/\d+\s+\d+\.\d\s+ok\s+ran \(parameters changed\)", Run(["parameters"], "--param", "steps=12"));
        Assert.Contains("ran (--force)", Run(["basics"], "--force"));
    }

    [Fact]
    public void Help_prints_the_run_usage_and_exits_0()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        Assert.Equal(0, Cli.Cli.Execute(["run", "--help"], stdout, stderr));
        Assert.Equal(Cli.RunCommand.Help + Environment.NewLine, stdout.ToString());
        Assert.Empty(stderr.ToString());
    }

    [Theory]
    [InlineData(new[] { "run", "--timeout", "soon" }, "deeplinear: --timeout 'soon': expected a positive number of seconds per cell")]
    [InlineData(new[] { "run", "no/such/notebook.ipynb" }, "deeplinear: notebook or folder 'no/such/notebook.ipynb' does not exist")]
    [InlineData(new[] { "run", "--param", "1x=2" }, "deeplinear: --param '1x=2': expected name=value with a C# identifier as name")]
    [InlineData(new[] { "run", "--frobnicate" }, "deeplinear: run: unknown option '--frobnicate'")]
    [InlineData(new[] { "run", "--out" }, "deeplinear: --out needs a value")]
    [InlineData(new[] { "run", "-j", "0" }, "deeplinear: -j '0': expected a whole number of notebooks to run at once, at least 1")]
    public void Bad_arguments_exit_2_with_one_line(string[] args, string expected)
        => AssertUsageError(args, expected);

    [Fact]
    public void Folder_without_notebooks_is_a_usage_error()
    {
        var empty = Repo.TempFolder();
        AssertUsageError(["run", empty], $"deeplinear: no notebooks (*.ipynb) found in {empty}");
    }

    [Fact]
    public void Undeclared_parameter_is_a_usage_error_before_anything_runs()
    {
        var folder = Path.Combine(Repo.TempFolder(), "out");
        var clock = Stopwatch.StartNew();
        AssertUsageError(["run", Repo.Fixture("basics"), Repo.Fixture("parameters"), "--out", folder, "--param", "steps=3", "--param", "nosuch=3"],
            $"deeplinear: {Repo.Fixture("basics")}: parameters steps, nosuch were given, but no code cell is tagged 'parameters'");
        AssertUsageError(["run", Repo.Fixture("parameters"), "--out", folder, "--param", "nosuch=3"],
            $"deeplinear: {Repo.Fixture("parameters")}: parameter 'nosuch' is not declared in the notebook's cell tagged 'parameters'");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}: a kernel started?");
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void Unreadable_notebook_is_a_usage_error()
    {
        var broken = Path.Combine(Repo.TempFolder(), "broken.ipynb");
        File.WriteAllText(broken, "{ not json");
        AssertUsageError(["run", broken, "--out", Repo.TempFolder()], $"deeplinear: {broken}: cannot read notebook: it is not valid JSON");
    }

    [Fact]
    public void Out_folder_that_would_overwrite_an_input_notebook_is_refused()
    {
        var folder = Path.GetDirectoryName(Repo.Fixture("basics"))!;
        AssertUsageError(["run", Repo.Fixture("basics"), "--out", folder],
            $"deeplinear: --out '{folder}' would overwrite the input notebook {Repo.Fixture("basics")} with its executed copy");
    }

    static void AssertUsageError(string[] args, string expected)
    {
        var stderr = new StringWriter();
        var exit = Cli.Cli.Execute(args, new StringWriter(), stderr);

        Assert.Equal(2, exit);
        var line = Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(expected, line);
    }
}
