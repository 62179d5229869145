using System.Text.Json.Nodes;
using DeepLinear.Notebooks.Tests;

namespace DeepLinear.KernelExtension.Tests;

/// <summary>The outputs of one executed code cell, as nbformat stores them.</summary>
public sealed record CellOutputs(string Source, IReadOnlyList<JsonObject> Outputs)
{
    /// <summary>Everything the cell wrote to standard output.</summary>
    public string Stdout => string.Concat(Outputs.Where(o => Kind(o) == "stream" && (string?)o["name"] == "stdout").Select(o => Text(o["text"])));

    /// <summary>The cell's error outputs as "ename: evalue".</summary>
    public IReadOnlyList<string> Errors => Outputs.Where(o => Kind(o) == "error").Select(o => $"{o["ename"]}: {o["evalue"]}").ToList();

    /// <summary>The value of <paramref name="mime"/> in the cell's first display or result that has it, else null.</summary>
    public JsonNode? Data(string mime) => Outputs.Select(o => o["data"]?[mime]).FirstOrDefault(d => d is not null);

    /// <summary>
    /// The JSON value of <paramref name="mime"/>, parsed where it came as text: the kernel sends every MIME value but
    /// <c>application/json</c> as a string, so a Plotly figure arrives as its JSON text.
    /// </summary>
    public JsonNode? Json(string mime) => Data(mime) switch
    {
        JsonObject figure => figure,
        { } text => JsonNode.Parse(Text(text)),
        null => null,
    };

    /// <summary>A text MIME value or stream text, joined when nbformat stored it as a list of lines.</summary>
    public static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        null => "",
        _ => (string?)node ?? "",
    };

    static string? Kind(JsonObject o) => (string?)o["output_type"];
}

/// <summary>
/// Executes a notebook in the real .NET Interactive kernel the way Jupyter does: Debian's nbconvert (nbclient inside)
/// with <c>JUPYTER_PATH=&lt;repo&gt;/.jupyter</c>, so the notebook's kernelspec <c>.net-csharp</c> resolves to the
/// repository's, which runs the pinned local tool in the notebook's own folder.
/// </summary>
public static class RealKernel
{
    const string Python = "/usr/bin/python3";
    static readonly Lazy<string?> Missing = new(FindMissingPieces);

    /// <summary>Runs <paramref name="notebook"/> to the end (errors recorded, not fatal) and returns its code cells.</summary>
    public static IReadOnlyList<CellOutputs> Run(string notebook)
    {
        if (Missing.Value is { } missing) throw new InvalidOperationException(missing);
        var folder = Path.Combine(Path.GetTempPath(), "deeplinear-kernel-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var run = Jupyter(["-m", "nbconvert", "--to", "notebook", "--execute", "--allow-errors", "--ExecutePreprocessor.timeout=900",
                "--output-dir", folder, "--output", "executed", notebook], TimeSpan.FromMinutes(20));
            var executed = Path.Combine(folder, "executed.ipynb");
            if (run.ExitCode != 0 || !File.Exists(executed))
                throw new InvalidOperationException($"nbconvert could not execute {notebook} (exit {run.ExitCode}):\n{run.Stderr}\n{run.Stdout}");
            var cells = JsonNode.Parse(File.ReadAllText(executed))!["cells"]!.AsArray();
            return cells.Where(c => (string?)c!["cell_type"] == "code")
                .Select(c => new CellOutputs(CellOutputs.Text(c!["source"]), c["outputs"]!.AsArray().Select(o => o!.AsObject()).ToList()))
                .ToList();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>What scripts/setup.sh would install and has not, or null when the kernel can run.</summary>
    static string? FindMissingPieces()
    {
        if (!File.Exists(Python)) return $"{Python} not found: run scripts/setup.sh (Debian's python3-nbclient and jupyter-nbconvert)";
        var modules = Jupyter(["-c", "import nbclient, nbconvert, jupyter_client, nbformat"], TimeSpan.FromMinutes(1));
        if (modules.ExitCode != 0) return $"{Python} lacks Jupyter's client pieces: run scripts/setup.sh\n{modules.Stderr}";
        var tool = ExternalTool.Run("dotnet", ["tool", "run", "dotnet-interactive", "--", "--version"], TimeSpan.FromMinutes(2));
        if (tool.ExitCode != 0) return $"the pinned kernel in dotnet-tools.json is not restored: run scripts/setup.sh (dotnet tool restore)\n{tool.Stderr}";
        var package = Repo.File("artifacts", "packages", "DeepLinear.KernelExtension.1.0.0.nupkg");
        if (!File.Exists(package)) return $"{package} is missing: build the solution in Release (dotnet build DeepLinear.sln -c Release)";
        return null;
    }

    /// <summary>Debian's Python with <c>JUPYTER_PATH</c> naming the repository's kernelspecs.</summary>
    static ExternalTool.Result Jupyter(IEnumerable<string> arguments, TimeSpan timeout) =>
        ExternalTool.Run("/usr/bin/env", [$"JUPYTER_PATH={Repo.File(".jupyter")}", Python, .. arguments], timeout);
}
