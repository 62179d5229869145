namespace DeepLinear.Notebooks.Ipynb;

/// <summary>
/// Decides a cell's kernel the way Polyglot Notebooks does: a leading <c>#!name</c> line wins, then
/// <c>metadata.polyglot_notebook.kernelName</c> (or the older <c>dotnet_interactive.language</c>), then the notebook's
/// default kernel. Over Jupyter's protocol the .NET kernel sees only a cell's text, so a cell whose kernel comes
/// from metadata reaches it with that name as a leading magic (<see cref="SourceForKernel"/>).
/// </summary>
public static class CellLanguage
{
    /// <summary>The kernel the C# kernelspec runs a cell in when nothing names another.</summary>
    public const string CSharp = "csharp";

    static readonly HashSet<string> CSharpNames = new(StringComparer.OrdinalIgnoreCase) { "csharp", "c#", "cs" };

    /// <summary>The kernel of code cell <paramref name="cell"/> in a notebook whose default kernel is <paramref name="defaultKernel"/>.</summary>
    public static string KernelOf(NotebookCell cell, string defaultKernel) =>
        MagicKernel(cell.Source) ?? cell.PolyglotKernelName ?? defaultKernel;

    /// <summary>True for the names of the C# kernel.</summary>
    public static bool IsCSharp(string kernel) => CSharpNames.Contains(kernel);

    /// <summary>
    /// The text to send to the .NET kernel: the cell as written, with <c>#!kernel</c> put in front when its kernel is
    /// not C# and the cell does not already start with a magic naming it. The kernel takes directive lines out
    /// before compiling, so line numbers in its diagnostics are the same either way.
    /// </summary>
    public static string SourceForKernel(NotebookCell cell, string defaultKernel)
    {
        var kernel = KernelOf(cell, defaultKernel);
        return IsCSharp(kernel) || MagicKernel(cell.Source) is not null ? cell.Source : $"#!{kernel}\n{cell.Source}";
    }

    /// <summary>The kernel named by a leading <c>#!name</c> line, if the cell starts with one.</summary>
    public static string? MagicKernel(string source)
    {
        var first = source.TrimStart('\uFEFF').Split('\n', 2)[0].Trim();
        if (!first.StartsWith("#!", StringComparison.Ordinal)) return null;
        var name = first[2..].Trim();
        return name is "csharp" or "c#" or "markdown" or "md" or "fsharp" or "f#" or "pwsh" or "powershell"
            or "javascript" or "js" or "html" or "sql" or "kql" or "mermaid" or "value" or "python" or "http"
            ? name : null;
    }
}
