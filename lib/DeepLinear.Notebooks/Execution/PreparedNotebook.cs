using DeepLinear.Notebooks.Ipynb;

namespace DeepLinear.Notebooks.Execution;

/// <summary>
/// A notebook made ready for the kernel, before any kernel starts: stale outputs cleared, the overrides checked
/// against the parameters cell and injected after it, and each cell's text as the kernel must see it
/// (<see cref="CellLanguage.SourceForKernel"/>). Together with its overrides it is the whole input of an execution,
/// so an execution cache can key on it.
/// </summary>
public sealed class PreparedNotebook
{
    PreparedNotebook(Notebook source, Notebook kernelInput, IReadOnlyList<int> cellNumbers, int injectedIndex,
        IReadOnlyDictionary<string, string> parameters, NotebookFailure? rejection)
    {
        Source = source;
        KernelInput = kernelInput;
        CellNumbers = cellNumbers;
        InjectedIndex = injectedIndex;
        Parameters = parameters;
        Rejection = rejection;
    }

    /// <summary>The notebook as read.</summary>
    public Notebook Source { get; }

    /// <summary>The notebook sent to the kernel (cell texts with their kernel magics, the injected cell).</summary>
    public Notebook KernelInput { get; }

    /// <summary>For each cell of <see cref="KernelInput"/>, the 1-based number of the source cell it comes from (the injected cell: that of the parameters cell).</summary>
    public IReadOnlyList<int> CellNumbers { get; }

    /// <summary>The index of the injected-parameters cell in <see cref="KernelInput"/>, or -1.</summary>
    public int InjectedIndex { get; }

    /// <summary>The overrides this run applies.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>Why the notebook cannot run in the .NET kernel at all (its kernelspec is another language's), or null.</summary>
    public NotebookFailure? Rejection { get; }

    /// <summary>The number of code cells of the source that the kernel will be asked to run (non-empty ones).</summary>
    public int CodeCells => Source.Cells.Count(IsExecutable);

    /// <summary>True for a code cell with text, the cells a Jupyter client executes.</summary>
    public static bool IsExecutable(NotebookCell cell) => cell.CellType == "code" && !string.IsNullOrWhiteSpace(cell.Source);

    /// <summary>
    /// Prepares <paramref name="source"/> with <paramref name="parameters"/>; a parameter problem (no parameters cell, an
    /// undeclared name, a value not of the declared type) is a <see cref="ParameterException"/> naming the notebook.
    /// </summary>
    public static PreparedNotebook Prepare(Notebook source, IReadOnlyDictionary<string, string> parameters)
    {
        var input = source.Clone();
        var defaultKernel = source.DefaultKernelName;
        var numbers = new List<int>();
        for (var i = 0; i < input.Cells.Count; i++)
        {
            numbers.Add(i + 1);
            var cell = input.Cells[i];
            if (cell.CellType != "code") continue;
            cell.ClearOutputs();
            cell.Json["source"] = NotebookCell.SourceLines(CellLanguage.SourceForKernel(cell, defaultKernel));
        }
        var injected = -1;
        if (parameters.Count > 0)
        {
            var index = ParametersCellIndex(source);
            string cellText;
            try
            {
                cellText = Execution.Parameters.InjectedSource(parameters, ParameterDeclarations.Of(source.Cells[index].Source));
            }
            catch (ParameterException e)
            {
                throw new ParameterException($"{source.Path}: {e.Message}");
            }
            input.InsertCell(index + 1, NotebookCell.NewCode(cellText, Execution.Parameters.InjectedTag));
            numbers.Insert(index + 1, index + 1);
            injected = index + 1;
        }
        return new PreparedNotebook(source, input, numbers, injected, parameters, Reject(source));

        int ParametersCellIndex(Notebook notebook)
        {
            for (var i = 0; i < notebook.Cells.Count; i++)
            {
                var cell = notebook.Cells[i];
                if (cell.CellType != "code" || !cell.Tags.Contains(Execution.Parameters.Tag)) continue;
                if (!CellLanguage.IsCSharp(CellLanguage.KernelOf(cell, defaultKernel)))
                    throw new ParameterException($"{notebook.Path}: the cell tagged '{Execution.Parameters.Tag}' (cell {i + 1}) is not C#; --param sets C# parameters only");
                return i;
            }
            throw new ParameterException($"{notebook.Path}: parameters {string.Join(", ", parameters.Keys)} were given, but no code cell is tagged '{Execution.Parameters.Tag}'");
        }
    }

    /// <summary>A notebook of another Jupyter kernel (say <c>python3</c>) with no Polyglot metadata cannot run in the .NET kernel.</summary>
    static NotebookFailure? Reject(Notebook source)
    {
        var polyglot = source.Metadata["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"] is not null;
        var kernelspec = source.Metadata["kernelspec"]?["name"]?.GetValue<string>();
        if (polyglot || kernelspec is null || kernelspec.StartsWith(".net-", StringComparison.Ordinal)) return null;
        var first = source.Cells.Select((c, i) => (c, i)).FirstOrDefault(p => IsExecutable(p.c)).i + 1;
        return new NotebookFailure(source.Path, first, null, null, "UnsupportedKernel",
            $"the notebook's kernelspec is '{kernelspec}', a kernel language the .NET Interactive kernel does not run; deeplinear run executes .NET notebooks (kernelspecs .net-csharp, .net-fsharp, .net-pwsh)");
    }
}
