using Xunit;

namespace DeepLinear.Notebooks.Tests;

/// <summary>
/// The real <c>deeplinear</c> process from the CLI project's own build output: its exit codes, and that its bin carries
/// the Jupyter driver the engine runs.
/// </summary>
public class EndToEndTests
{
    static readonly string CliDll = Path.Combine(Repo.Root, "lib", "DeepLinear.Cli", "bin",
        Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)))!, "net10.0", "DeepLinear.Cli.dll");

    [Fact]
    public void Cli_build_runs_a_polyglot_notebook_and_exits_0()
    {
        var outDir = Repo.TempFolder();
        var result = Deeplinear("run", Repo.Fixture("polyglot"), "--out", outDir);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("1/1 notebooks ok", result.Stdout);
        Assert.Contains("one thousand two hundred and thirty-four", File.ReadAllText(Path.Combine(outDir, "polyglot.ipynb")));
    }

    [Fact]
    public void Cli_build_exits_1_and_names_the_failing_cell()
    {
        var result = Deeplinear("run", Repo.Fixture("compile-error"), "--out", Repo.TempFolder());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{Repo.Fixture("compile-error")}: cell 2, line 2: var c = undefinedVariable + b;", result.Stderr);
        Assert.Contains("CompilationError: (2,9): CS0103", result.Stderr);
    }

    static ExternalTool.Result Deeplinear(params string[] args)
    {
        Assert.True(File.Exists(CliDll), $"{CliDll} is missing: build lib/DeepLinear.Cli in the same configuration as the tests");
        var dotnet = ExternalTool.Find("dotnet", "/usr/share/dotnet/dotnet", "/usr/bin/dotnet")
            ?? throw new InvalidOperationException("dotnet not found on PATH");
        return ExternalTool.Run(dotnet, [CliDll, .. args], TimeSpan.FromMinutes(5));
    }
}
