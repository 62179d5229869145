using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace DeepLinear.Notebooks.Execution;

/// <summary>Builds the <see cref="NotebookFailure"/> for an exception thrown while a cell compiled or ran.</summary>
static class CellFailure
{
    /// <summary>The failure for <paramref name="error"/> in cell <paramref name="cellNumber"/> whose emitted file name is <paramref name="cellFile"/>.</summary>
    public static NotebookFailure From(Exception error, string notebookPath, int cellNumber, string cellFile, string source)
    {
        // A value that throws while it is displayed (a lazy LINQ query, a property getter) arrives wrapped by
        // reflection; the reader needs the exception inside, with its line in the cell.
        while (error is System.Reflection.TargetInvocationException { InnerException: { } inner }) error = inner;
        var lines = source.Replace("\r\n", "\n").Split('\n');
        string? At(int? line) => line is { } l && l >= 1 && l <= lines.Length ? lines[l - 1] : null;
        switch (error)
        {
            case CompilationErrorException compile:
            {
                var errors = compile.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                var first = errors.FirstOrDefault() ?? compile.Diagnostics.First();
                var line = first.Location.IsInSource ? first.Location.GetLineSpan().StartLinePosition.Line + 1 : (int?)null;
                var message = string.Join("; ", errors.Select(d =>
                    $"({d.Location.GetLineSpan().StartLinePosition.Line + 1},{d.Location.GetLineSpan().StartLinePosition.Character + 1}): {d.Id}: {d.GetMessage()}"));
                return new NotebookFailure(notebookPath, cellNumber, line, At(line), "CompilationError", message);
            }
            case DirectiveException directive:
                return new NotebookFailure(notebookPath, cellNumber, directive.Line, At(directive.Line), "DirectiveError", directive.Message);
            default:
            {
                var line = new StackTrace(error, fNeedFileInfo: true).GetFrames()
                    .FirstOrDefault(f => f.GetFileName() == cellFile && f.GetFileLineNumber() > 0)?.GetFileLineNumber();
                return new NotebookFailure(notebookPath, cellNumber, line, At(line), error.GetType().FullName ?? error.GetType().Name, error.Message);
            }
        }
    }
}
