using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DeepLinear.Notebooks.Ipynb;

namespace DeepLinear.Notebooks.Execution;

/// <summary>
/// Turns the driver's status into a <see cref="NotebookFailure"/> naming the cell and, when the kernel says, the line:
/// C# and F# compile errors carry their position in the cell's stderr; a .NET exception's frames carry
/// <c>in cell:line N</c> (the engine's setup turns on debug information); a NuGet error names the package of a
/// <c>#r</c> line. The kernel counts lines without its directives (<c>#!...</c>, <c>#r</c>, <c>#i</c>), which are mapped back here.
/// </summary>
internal static partial class KernelFailure
{
    /// <summary>The failure the status reports (null when the run succeeded); <paramref name="executed"/> holds the kernel's outputs.</summary>
    public static NotebookFailure? From(JsonObject status, PreparedNotebook prepared, Notebook executed, TimeSpan cellTimeout)
    {
        var path = prepared.Source.Path;
        var kind = status["status"]?.GetValue<string>() ?? "engine_error";
        var index = status["cell_index"]?.GetValue<int>();
        var failure = kind switch
        {
            "ok" => null,
            "kernel_failed" => new NotebookFailure(path, 0, null, null, "KernelStartFailed", Join(Text(status, "evalue"), LogTail(status))),
            "engine_error" => new NotebookFailure(path, 0, null, null, "EngineError", Text(status, "evalue").Trim()),
            _ when index is null => new NotebookFailure(path, 0, null, null, "EngineError", $"status '{kind}' without a cell"),
            "timeout" => InCell(prepared, index.Value, null, "CellTimeout",
                $"the cell ran longer than the time limit of {cellTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s and was stopped: {TimeoutAction(Text(status, "timeout_action"))}"),
            "crash" => InCell(prepared, index.Value, null, "KernelDied",
                Join($"the kernel process died while the cell ran ({ExitDescription(status["exit_code"]?.GetValue<int>())})", LogTail(status))),
            _ => FromError(prepared, index.Value, Text(status, "ename"), Text(status, "evalue"), executed.Cells[index.Value]),
        };
        return failure is null ? null : failure with { Parameters = prepared.Parameters };
    }

    static NotebookFailure FromError(PreparedNotebook prepared, int index, string ename, string evalue, NotebookCell cell)
    {
        if (evalue == "compilation error")
        {
            var diagnostics = Stderr(cell).Split('\n').Select(l => CompileError().Match(l.Trim())).Where(m => m.Success)
                .Select(m => (Line: DiagnosticLine(prepared, index, m), Column: m.Groups["column"].Value, Text: m.Groups["message"].Value.Trim())).ToList();
            var message = diagnostics.Count == 0 ? Stderr(cell).Trim()
                : string.Join("; ", diagnostics.Select(d => d.Line is { } l ? $"({l},{d.Column}): {d.Text}" : d.Text));
            return InCell(prepared, index, diagnostics.FirstOrDefault().Line, "CompilationError", message);
        }
        if (NuGetError().Match(evalue) is { Success: true } nuget)
        {
            var package = PackageName().Match(nuget.Groups["message"].Value).Groups["name"].Value;
            var source = SourceOf(prepared, index);
            var at = Array.FindIndex(source, l => l.TrimStart().StartsWith("#r", StringComparison.Ordinal) && l.Contains("nuget", StringComparison.OrdinalIgnoreCase)
                                                   && (package.Length == 0 || l.Contains(package, StringComparison.OrdinalIgnoreCase)));
            return InCell(prepared, index, at >= 0 ? at + 1 : null, nuget.Groups["code"].Value, nuget.Groups["message"].Value.Trim());
        }
        var exceptions = ExceptionHeader().Matches(evalue);
        if (exceptions.Count == 0) return InCell(prepared, index, null, ename.Length > 0 ? ename : "Error", evalue.Trim());
        var innermost = exceptions[^1];
        var frames = CellFrame().Matches(evalue).Select(m => (Submission: int.Parse(m.Groups["submission"].Value, CultureInfo.InvariantCulture),
            Line: int.Parse(m.Groups["line"].Value, CultureInfo.InvariantCulture))).ToList();
        int? cellLine = frames.Count == 0 ? null : CellLine(prepared, index, frames.First(f => f.Submission == frames.Max(g => g.Submission)).Line);
        return InCell(prepared, index, cellLine, innermost.Groups["type"].Value, OneLine(innermost.Groups["message"].Value));
    }

    /// <summary>
    /// The cell line of a compile diagnostic: its position mapped back, or, when that is past the cell's code (a
    /// <c>#r</c> whose file is missing, in a cell of nothing else), the directive naming what the diagnostic quotes.
    /// </summary>
    static int? DiagnosticLine(PreparedNotebook prepared, int index, Match diagnostic)
    {
        if (CellLine(prepared, index, int.Parse(diagnostic.Groups["line"].Value, CultureInfo.InvariantCulture)) is { } line) return line;
        var quoted = Quoted().Matches(diagnostic.Groups["message"].Value).Select(q => q.Groups[1].Value).Where(q => q.Length > 0).ToList();
        var directive = Array.FindIndex(SourceOf(prepared, index), l => Directive().IsMatch(l) && quoted.Any(q => l.Contains(q, StringComparison.Ordinal)));
        return directive >= 0 ? directive + 1 : null;
    }

    /// <summary>A failure in kernel-input cell <paramref name="index"/>, named by its source cell (the injected cell by the parameters cell, saying so).</summary>
    static NotebookFailure InCell(PreparedNotebook prepared, int index, int? line, string type, string message)
    {
        var source = SourceOf(prepared, index);
        var sourceLine = line is { } l && l >= 1 && l <= source.Length ? source[l - 1] : null;
        if (index == prepared.InjectedIndex) message = "in the injected-parameters cell after it: " + message;
        return new NotebookFailure(prepared.Source.Path, prepared.CellNumbers[index], line, sourceLine, type, message);
    }

    /// <summary>The lines of kernel-input cell <paramref name="index"/> as its author wrote them (the injected cell as injected).</summary>
    static string[] SourceOf(PreparedNotebook prepared, int index)
    {
        var text = index == prepared.InjectedIndex ? prepared.KernelInput.Cells[index].Source : prepared.Source.Cells[prepared.CellNumbers[index] - 1].Source;
        return text.Replace("\r\n", "\n").Split('\n');
    }

    /// <summary>The cell line of the kernel's line <paramref name="kernelLine"/>: the kernel numbers only the lines that are not directives.</summary>
    static int? CellLine(PreparedNotebook prepared, int index, int kernelLine)
    {
        var seen = 0;
        var source = SourceOf(prepared, index);
        for (var i = 0; i < source.Length; i++)
        {
            if (Directive().IsMatch(source[i])) continue;
            if (++seen == kernelLine) return i + 1;
        }
        return null;
    }

    static string Stderr(NotebookCell cell) => string.Concat(cell.Outputs
        .Where(o => o["output_type"]?.GetValue<string>() == "stream" && o["name"]?.GetValue<string>() == "stderr")
        .Select(o => o["text"] switch { JsonArray lines => string.Concat(lines.Select(x => x?.GetValue<string>())), JsonNode n => n.GetValue<string>(), null => "" }));

    static string TimeoutAction(string action) => action switch
    {
        "interrupted" => "the kernel was interrupted, then shut down",
        "interrupt ended the kernel" => "interrupting the kernel ended it",
        _ => "the kernel did not stop the cell when interrupted, so it was killed",
    };

    static string ExitDescription(int? code) => code switch
    {
        null => "exit code unknown",
        < 0 => $"killed by signal {-code}",
        > 128 => $"exit code {code}, signal {code - 128}",
        _ => $"exit code {code}",
    };

    static string LogTail(JsonObject status) =>
        status["log"] is JsonArray log && log.Count > 0 ? "kernel output: " + string.Join(" | ", log.Select(l => l?.GetValue<string>())) : "";

    static string OneLine(string text) => LineBreaks().Replace(text.Trim(), " ");

    static string Join(string first, string second) => second.Length == 0 ? first : $"{first}; {second}";

    static string Text(JsonObject status, string key) => status[key]?.GetValue<string>() ?? "";

    /// <summary>C#: <c>cell(2,9): error CS0103: ...</c> or <c>(2,9): error ...</c>; F#: <c>input.fsx (2,13)-(2,27) typecheck error ...</c>.</summary>
    [GeneratedRegex(@"^\S*?\s*\((?<line>\d+),(?<column>\d+)\)(?:-\(\d+,\d+\))?:?\s+(?:\w+\s+)?error\s+(?<message>.+)$")]
    private static partial Regex CompileError();

    [GeneratedRegex(@"error (?<code>NU\d{4}): (?<message>[^\r\n]+)")]
    private static partial Regex NuGetError();

    [GeneratedRegex(@"package (?<name>[\w.\-]+?)\.?(?:\s|$)")]
    private static partial Regex PackageName();

    /// <summary>An exception's first line, <c>System.Type: message</c>, at the start or after an inner-exception arrow.</summary>
    [GeneratedRegex(@"(?:^|--->\s*)(?<type>[A-Za-z_][\w.`+]*(?:Exception|Error)): (?<message>(?:(?!\r?\n\s+at |\r?\n\s*--->).)*)", RegexOptions.Singleline)]
    private static partial Regex ExceptionHeader();

    [GeneratedRegex(@"at Submission#(?<submission>\d+)\.[^\r\n]* in [^\r\n]*cell:line (?<line>\d+)")]
    private static partial Regex CellFrame();

    [GeneratedRegex(@"'([^']*)'")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\s*\r?\n\s*")]
    private static partial Regex LineBreaks();

    [GeneratedRegex(@"^\s*#(?:!|r\b|i\b)")]
    private static partial Regex Directive();
}
