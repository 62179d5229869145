using DeepLinear.Cli;

namespace DeepLinear.Notebooks.Tests;

/// <summary>
/// One <c>deeplinear run</c> over a few fixtures (successful, charted, failing, parameterised) into a temporary
/// folder, built once and shared by the tests that judge its files.
/// </summary>
public static class RenderedSite
{
    static readonly Lazy<(string Folder, int ExitCode, string Stdout, string Stderr)> Built = new(Build);

    /// <summary>The output folder.</summary>
    public static string Folder => Built.Value.Folder;

    /// <summary>The command's exit code (1: the <c>throws</c> fixture fails on purpose).</summary>
    public static int ExitCode => Built.Value.ExitCode;

    /// <summary>What the command printed on stdout and stderr.</summary>
    public static (string Stdout, string Stderr) Printed => (Built.Value.Stdout, Built.Value.Stderr);

    /// <summary>The fixtures in the site.</summary>
    public static readonly string[] Notebooks = ["basics", "foreign", "parameters", "throws"];

    static (string, int, string, string) Build()
    {
        var folder = Repo.TempFolder();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var args = Notebooks.Select(Repo.Fixture).Concat(["--out", folder, "--test-parameters", "--cache", Repo.TempFolder()]).ToArray();
        var exit = Cli.Cli.Execute(["run", .. args], stdout, stderr);
        return (folder, exit, stdout.ToString(), stderr.ToString());
    }
}
