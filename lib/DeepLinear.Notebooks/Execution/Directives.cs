using System.Text.RegularExpressions;

namespace DeepLinear.Notebooks.Execution;

/// <summary>A <c>#r</c> directive taken out of a cell, with its 1-based line in the cell.</summary>
public abstract record ReferenceDirective(int Line, string Text);

/// <summary><c>#r "nuget: Name, Version"</c> (version optional: the pinned one is used).</summary>
public sealed record NuGetReference(int Line, string Text, string Package, string? Version) : ReferenceDirective(Line, Text);

/// <summary><c>#r "path/to/Assembly.dll"</c>, relative to the notebook's folder.</summary>
public sealed record AssemblyReference(int Line, string Text, string Path) : ReferenceDirective(Line, Text);

/// <summary>
/// Splits a C# cell into the code Roslyn compiles and the kernel directives the runner serves itself.
/// Directive lines are replaced by empty lines, so line numbers in diagnostics match the cell as written.
/// </summary>
public static partial class Directives
{
    /// <summary>A cell's code (directives blanked) and its <c>#r</c> directives.</summary>
    public sealed record Parsed(string Code, IReadOnlyList<ReferenceDirective> References);

    /// <summary>Parses <paramref name="source"/>; an unsupported directive is a <see cref="DirectiveException"/> naming its line.</summary>
    public static Parsed Parse(string source)
    {
        var lines = source.Replace("\r\n", "\n").Split('\n');
        var references = new List<ReferenceDirective>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (i == 0 && line.TrimStart('\uFEFF') is "#!csharp" or "#!c#" or "#!cs")
            {
                lines[i] = "";
            }
            else if (line.StartsWith("#r ", StringComparison.Ordinal) || line.StartsWith("#r\t", StringComparison.Ordinal))
            {
                references.Add(ParseReference(i + 1, line));
                lines[i] = "";
            }
            else if (line.StartsWith("#!", StringComparison.Ordinal) || line.StartsWith("#i ", StringComparison.Ordinal))
            {
                throw new DirectiveException(i + 1, $"unsupported kernel directive '{line}': the runner supports #r \"nuget: Name, Version\" and #r \"path.dll\" (and a leading #!csharp)");
            }
        }
        return new Parsed(string.Join("\n", lines), references);
    }

    static ReferenceDirective ParseReference(int line, string text)
    {
        var m = QuotedArgument().Match(text);
        if (!m.Success) throw new DirectiveException(line, $"cannot read '{text}': expected #r \"nuget: Name, Version\" or #r \"path.dll\"");
        var argument = m.Groups[1].Value.Trim();
        if (!argument.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase)) return new AssemblyReference(line, text, argument);
        var parts = argument["nuget:".Length..].Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length is < 1 or > 2 || parts[0].Length == 0 || (parts.Length == 2 && parts[1].Length == 0))
            throw new DirectiveException(line, $"cannot read '{text}': expected #r \"nuget: Name, Version\"");
        return new NuGetReference(line, text, parts[0], parts.Length == 2 ? parts[1] : null);
    }

    [GeneratedRegex("^#r\\s+\"([^\"]+)\"\\s*(//.*)?$")]
    private static partial Regex QuotedArgument();
}

/// <summary>A directive the runner cannot serve; <see cref="Line"/> is 1-based within the cell.</summary>
public sealed class DirectiveException(int line, string message) : Exception(message)
{
    /// <summary>The 1-based line of the directive in its cell.</summary>
    public int Line { get; } = line;
}
