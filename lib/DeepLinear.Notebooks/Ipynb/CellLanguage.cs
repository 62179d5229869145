namespace DeepLinear.Notebooks.Ipynb;

/// <summary>What the runner does with a cell.</summary>
public enum CellRole
{
    /// <summary>C# code: run it.</summary>
    CSharp,
    /// <summary>Markdown (or raw): keep it, do not run it.</summary>
    Text,
}

/// <summary>
/// Decides a cell's language the way Polyglot Notebooks does: a leading <c>#!name</c> line wins, then
/// <c>metadata.polyglot_notebook.kernelName</c>, then the notebook's default kernel.
/// </summary>
public static class CellLanguage
{
    static readonly HashSet<string> CSharpNames = new(StringComparer.OrdinalIgnoreCase) { "csharp", "c#", "cs" };
    static readonly HashSet<string> MarkdownNames = new(StringComparer.OrdinalIgnoreCase) { "markdown", "md" };

    /// <summary>The role of <paramref name="cell"/>; any kernel other than C# or Markdown is an error naming it.</summary>
    public static CellRole RoleOf(NotebookCell cell, string defaultKernel, int cellNumber, string notebookPath)
    {
        if (cell.CellType is "markdown" or "raw") return CellRole.Text;
        if (cell.CellType != "code")
            throw new NotebookFormatException(notebookPath, $"cell {cellNumber} has unknown cell_type '{cell.CellType}'");
        var kernel = MagicKernel(cell.Source) ?? cell.PolyglotKernelName ?? defaultKernel;
        if (CSharpNames.Contains(kernel)) return CellRole.CSharp;
        if (MarkdownNames.Contains(kernel)) return CellRole.Text;
        throw new UnsupportedKernelException(notebookPath, cellNumber, kernel);
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

/// <summary>A cell is in a kernel language the runner cannot execute.</summary>
public sealed class UnsupportedKernelException(string path, int cellNumber, string kernel)
    : Exception($"{path}: cell {cellNumber} is in kernel language '{kernel}'; the runner executes only C# (csharp) cells and keeps markdown cells")
{
    /// <summary>The 1-based cell number.</summary>
    public int CellNumber { get; } = cellNumber;

    /// <summary>The unsupported kernel name.</summary>
    public string Kernel { get; } = kernel;
}
