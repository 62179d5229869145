using System.Text.Json.Nodes;
using DeepLinear.Notebooks.Ipynb;
using Xunit;

namespace DeepLinear.Notebooks.Tests;

/// <summary><c>deeplinear run</c>: files written, summary, exit codes, argument errors.</summary>
public class CliTests
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
    public void Executed_notebook_keeps_polyglot_metadata_and_has_outputs()
    {
        var executed = Notebook.Load(Path.Combine(RenderedSite.Folder, "foreign.ipynb"));

        Assert.Equal(".net-csharp", executed.Metadata["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Equal("csharp", executed.DefaultKernelName);
        Assert.Equal("csharp", executed.Cells[3].PolyglotKernelName);
        Assert.Contains(executed.Cells[3].Outputs, o => o["data"]?["application/vnd.plotly.v1+json"] is JsonObject);
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
        Assert.Contains($"{Repo.Fixture("throws")}: cell 3, line 2: throw new InvalidOperationException(\"the loss diverged at step 17\");", stderr);
        Assert.Contains("System.InvalidOperationException: the loss diverged at step 17", stderr);
        Assert.Contains("cell 1 injected parameters ok", stderr);
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
        Assert.Equal("steps=3 lr=0.5 scale=1 label=reduced verbose=False\n", executed.Cells[2].Outputs[0]["text"]!.GetValue<string>());
    }

    [Fact]
    public void Param_option_overrides_a_default()
    {
        var folder = Repo.TempFolder();
        var stdout = new StringWriter();
        var exit = Cli.Cli.Execute(["run", Repo.Fixture("parameters"), "--out", folder, "--param", "steps=11", "--param", "label=cli"], stdout, new StringWriter());

        Assert.Equal(0, exit);
        var executed = Notebook.Load(Path.Combine(folder, "parameters.ipynb"));
        Assert.Equal("steps=11 lr=0.5 scale=1 label=cli verbose=False\n", executed.Cells[2].Outputs[0]["text"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(new[] { "run", "--timeout", "soon" }, "deeplinear: --timeout 'soon': expected a positive number of seconds per cell")]
    [InlineData(new[] { "run", "no/such/notebook.ipynb" }, "deeplinear: notebook or folder 'no/such/notebook.ipynb' does not exist")]
    [InlineData(new[] { "run", "--param", "1x=2" }, "deeplinear: --param '1x=2': expected name=value with a C# identifier as name")]
    [InlineData(new[] { "run", "--frobnicate" }, "deeplinear: run: unknown option '--frobnicate'")]
    [InlineData(new[] { "run", "--out" }, "deeplinear: --out needs a value")]
    public void Bad_arguments_exit_2_with_one_line(string[] args, string expected)
        => AssertUsageError(args, expected);

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
