namespace DeepLinear.Cli;

/// <summary>
/// A verb's arguments split into positionals, switches (<c>--weights</c>) and options with one value
/// (<c>--decays 1e-3:1:20</c>); an unknown or repeated flag, or an option without its value, is a usage error.
/// <c>-</c> alone is a positional (standard input).
/// </summary>
internal sealed class CommandLine
{
    public List<string> Positionals { get; } = [];
    public HashSet<string> Switches { get; } = [];
    public Dictionary<string, string> Options { get; } = [];

    public static CommandLine Parse(string usage, string[] args, IReadOnlyCollection<string> switches, IReadOnlyCollection<string> options)
    {
        var line = new CommandLine();
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (a == "-" || !a.StartsWith('-')) { line.Positionals.Add(a); continue; }
            if (line.Switches.Contains(a) || line.Options.ContainsKey(a)) throw new UsageException($"{a} is given twice; usage: deeplinear {usage}");
            if (switches.Contains(a)) line.Switches.Add(a);
            else if (options.Contains(a))
            {
                if (i + 1 >= args.Length) throw new UsageException($"{a} needs a value; usage: deeplinear {usage}");
                line.Options[a] = args[++i];
            }
            else throw new UsageException($"unknown option '{a}'; usage: deeplinear {usage}");
        }
        return line;
    }

    /// <summary>The single positional argument (the problem file), or a usage error.</summary>
    public string Single(string usage, string what)
    {
        if (Positionals.Count == 1) return Positionals[0];
        throw new UsageException(Positionals.Count == 0 ? $"missing {what}; usage: deeplinear {usage}" : $"expected one {what}, got {Positionals.Count} ({string.Join(" ", Positionals)}); usage: deeplinear {usage}");
    }
}
