namespace DeepLinear.Explorer.Tests;

/// <summary>The `deeplinear` command run in-process through its own entry point (<see cref="Cli.Cli.Execute"/>).</summary>
public static class CliInProcess
{
    public static (int Code, string Stdout, string Stderr) Execute(string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Cli.Cli.Execute(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
