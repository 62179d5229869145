namespace DeepLinear.Cli;

/// <summary>
/// The `deeplinear` command line: one verb per file (<c>SolveCommand</c>, ...). Bad input of any kind
/// ends with one line on stderr and exit code 2; a command that ran but failed returns 1.
/// </summary>
public static class Cli
{
    public const int Ok = 0, Failed = 1, BadInput = 2;

    static readonly Dictionary<string, (string Summary, Func<string[], TextWriter, TextWriter, int> Run)> Commands = new()
    {
        ["run"] = (RunCommand.Summary, RunCommand.Run),
        // commands
    };

    public static int Execute(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            stdout.WriteLine("usage: deeplinear <command> [arguments]");
            foreach (var (name, command) in Commands) stdout.WriteLine($"  {command.Summary}");
            return args.Length == 0 ? BadInput : Ok;
        }
        if (!Commands.TryGetValue(args[0], out var found))
            return Fail(stderr, $"unknown command '{args[0]}'; expected one of: {string.Join(", ", Commands.Keys)}");
        try
        {
            return found.Run(args[1..], stdout, stderr);
        }
        catch (UsageException e)
        {
            return Fail(stderr, e.Message);
        }
        catch (ArgumentException e)
        {
            return Fail(stderr, e.Message);
        }
    }

    /// <summary>Writes the one-line error and returns exit code 2.</summary>
    public static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine("deeplinear: " + message.ReplaceLineEndings(" "));
        return BadInput;
    }
}

/// <summary>Bad command-line arguments or input files: reported on one line, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
