using System.Text.RegularExpressions;

namespace DeepLinear.Cli;

/// <summary>
/// The `deeplinear` command line: one verb per file (<c>SolveCommand</c>, ...), each with a one-line summary and
/// a help text that <c>deeplinear &lt;verb&gt; --help</c> prints. Bad input of any kind ends with one line on stderr
/// and exit code 2, before anything runs; a command that ran but failed returns 1; a bug returns 70 with one line.
/// </summary>
public static partial class Cli
{
    public const int Ok = 0, Failed = 1, BadInput = 2, InternalError = 70;

    /// <summary>A verb: its summary for <c>deeplinear --help</c>, its help for <c>deeplinear &lt;verb&gt; --help</c>, and its body.</summary>
    public sealed record Command(string Summary, string Help, Func<string[], TextWriter, TextWriter, int> Run);

    static readonly Dictionary<string, Command> Commands = new()
    {
        ["solve"] = new(SolveCommand.Summary, SolveCommand.Help, SolveCommand.Run),
        ["critical-decay"] = new(CriticalDecayCommand.Summary, CriticalDecayCommand.Help, CriticalDecayCommand.Run),
        ["regime-grid"] = new(RegimeGridCommand.Summary, RegimeGridCommand.Help, RegimeGridCommand.Run),
        ["run"] = new(RunCommand.Summary, RunCommand.Help, RunCommand.Run),
        ["bench"] = new(BenchCommand.Summary, BenchCommand.Help, BenchCommand.Run),
        ["serve"] = new(ServeCommand.Summary, ServeCommand.Help, ServeCommand.Run),
    };

    public static int Execute(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0) return Fail(stderr, "missing command; try 'deeplinear --help'");
        if (args[0] is "-h" or "--help" || (args[0] == "help" && args.Length == 1))
        {
            stdout.WriteLine("usage: deeplinear <command> [arguments]   ('deeplinear <command> --help' for one command)");
            foreach (var (_, command) in Commands) stdout.WriteLine($"  {command.Summary}");
            return Ok;
        }
        bool helpVerb = args[0] == "help";
        string verb = helpVerb ? args[1] : args[0];
        if (!Commands.TryGetValue(verb, out var found))
            return Fail(stderr, $"unknown command '{verb}'; expected one of: {string.Join(", ", Commands.Keys)}");
        if (helpVerb || args.Skip(1).Any(a => a is "-h" or "--help"))
        {
            stdout.WriteLine(found.Help);
            return Ok;
        }
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
            // a rule of the core, such as every decay > 0 for the exact solution, stated in the problem file's fields
            return Fail(stderr, ProblemJson.InFileTerms(e).Message);
        }
        catch (Exception e)
        {
            stderr.WriteLine($"deeplinear: internal error: {e.GetType().Name}: {e.Message}; please report the command and its input".ReplaceLineEndings(" "));
            return InternalError;
        }
    }

    /// <summary>Writes the one-line error and returns exit code 2.</summary>
    public static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine("deeplinear: " + message.ReplaceLineEndings(" "));
        return BadInput;
    }

    /// <summary>An argument error's message in plain words: without .NET's " (Parameter 'x')" and "Actual value was" suffixes.</summary>
    public static string Plain(ArgumentException e) => ActualValue().Replace(ParameterSuffix().Replace(e.Message, ""), " (got $1)");

    [GeneratedRegex(@" \(Parameter '[^']*'\)")]
    private static partial Regex ParameterSuffix();

    [GeneratedRegex(@"\s*Actual value was (.*)\.$")]
    private static partial Regex ActualValue();
}

/// <summary>Bad command-line arguments or input files: reported on one line, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
