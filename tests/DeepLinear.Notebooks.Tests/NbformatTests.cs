using Xunit;

namespace DeepLinear.Notebooks.Tests;

/// <summary>What the runner writes is valid nbformat, judged by Jupyter's own validator (Debian's python3-nbformat).</summary>
public class NbformatTests
{
    const string Validate = """
        import sys, warnings
        warnings.simplefilter("error")
        import nbformat
        for path in sys.argv[1:]:
            nbformat.validate(nbformat.read(path, as_version=4))
            print("valid", path)
        """;

    [Fact]
    public void Executed_notebooks_pass_nbformat_validation()
    {
        var python = ExternalTool.Find("/usr/bin/python3")
            ?? throw new InvalidOperationException("/usr/bin/python3 not found: install Debian's python3-nbformat (apt-get install -y python3-nbformat)");
        var probe = ExternalTool.Run(python, ["-c", "import nbformat"], TimeSpan.FromSeconds(60));
        Assert.True(probe.ExitCode == 0, "python3 cannot import nbformat: install Debian's python3-nbformat (apt-get install -y python3-nbformat)\n" + probe.Stderr);

        var files = RenderedSite.Notebooks.Select(n => Path.Combine(RenderedSite.Folder, n + ".ipynb")).ToList();
        var result = ExternalTool.Run(python, ["-c", Validate, .. files], TimeSpan.FromSeconds(120));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(files.Count, result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.StartsWith("valid ")));
    }
}
