using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DeepLinear.Notebooks.Execution;

/// <summary>
/// Where the engine's pieces are: the repository holding the kernelspec <c>.jupyter/kernels/.net-csharp</c> (whose
/// argv is <c>dotnet tool run dotnet-interactive -- jupyter ...</c>, the kernel pinned in the repository's
/// <c>dotnet-tools.json</c>), the Jupyter driver shipped beside this assembly, and the Python that has Debian's
/// nbclient (<c>/usr/bin/python3</c>, or <c>DEEPLINEAR_PYTHON</c>).
/// </summary>
public sealed record KernelHome(string Root, string JupyterPath, string Driver, string Python)
{
    /// <summary>The kernelspec every notebook runs in.</summary>
    public const string KernelName = ".net-csharp";

    /// <summary>The pinned kernel's tool package, as a local tool manifest names it.</summary>
    public const string ToolPackage = "microsoft.dotnet-interactive";

    const string Setup = "run scripts/setup.sh (apt-get install -y python3-nbclient python3-jupyter-client python3-nbformat; dotnet tool restore)";

    static readonly Lazy<KernelHome> Located = new(Locate);

    /// <summary>The engine of this build: found once, checked once (<see cref="EngineUnavailableException"/> when a piece is missing).</summary>
    public static KernelHome Current => Located.Value;

    static KernelHome Locate()
    {
        var root = FindRoot(AppContext.BaseDirectory) ?? FindRoot(Environment.CurrentDirectory)
            ?? throw new EngineUnavailableException($"no .jupyter/kernels/{KernelName}/kernel.json above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}: the engine runs notebooks through the repository's kernelspec");
        var driver = Path.Combine(Path.GetDirectoryName(typeof(KernelHome).Assembly.Location)!, "jupyter", "execute.py");
        if (!File.Exists(driver)) throw new EngineUnavailableException($"the Jupyter driver {driver} is missing: rebuild lib/DeepLinear.Notebooks");
        var python = Environment.GetEnvironmentVariable("DEEPLINEAR_PYTHON") is { Length: > 0 } chosen ? chosen : "/usr/bin/python3";
        CheckPython(python);
        if (!ReachesPinnedTool(root))
            throw new EngineUnavailableException($"{root} has no dotnet-tools.json pinning {ToolPackage}: {Setup}");
        return new KernelHome(root, Path.Combine(root, ".jupyter"), driver, python);
    }

    static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, ".jupyter", "kernels", KernelName, "kernel.json"))) return dir.FullName;
        return null;
    }

    static void CheckPython(string python)
    {
        if (!File.Exists(python)) throw new EngineUnavailableException($"{python} not found: the engine drives the kernel with Debian's nbclient; {Setup}");
        var info = new ProcessStartInfo(python) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-c", "import nbclient, jupyter_client, nbformat" }) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new EngineUnavailableException($"{python} cannot import nbclient, jupyter_client and nbformat ({stderr.Trim().Split('\n')[^1]}); {Setup}");
    }

    /// <summary>
    /// The folder to start a notebook's kernel in: the notebook's own folder (as Jupyter and VS Code do, so relative
    /// paths resolve from there) when <c>dotnet tool run</c> finds the pinned kernel from it, else the repository root,
    /// from where the engine's setup code moves the kernel into the notebook's folder before the first cell.
    /// </summary>
    public string KernelFolderFor(string notebookFolder) => ReachesPinnedTool(notebookFolder) ? notebookFolder : Root;

    /// <summary>
    /// True when a local tool manifest (<c>dotnet-tools.json</c> or <c>.config/dotnet-tools.json</c>) in
    /// <paramref name="folder"/> or above lists the kernel, before one marked <c>isRoot</c> ends the search as the SDK's does.
    /// </summary>
    static bool ReachesPinnedTool(string folder)
    {
        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
        {
            foreach (var manifest in new[] { Path.Combine(dir.FullName, "dotnet-tools.json"), Path.Combine(dir.FullName, ".config", "dotnet-tools.json") })
            {
                if (!File.Exists(manifest)) continue;
                JsonNode? root;
                try
                {
                    root = JsonNode.Parse(File.ReadAllText(manifest));
                }
                catch (JsonException)
                {
                    continue;
                }
                if (root?["tools"] is JsonObject tools && tools.Any(t => string.Equals(t.Key, ToolPackage, StringComparison.OrdinalIgnoreCase))) return true;
                if (root?["isRoot"]?.GetValueKind() == JsonValueKind.True) return false;
            }
        }
        return false;
    }
}

/// <summary>A piece the engine needs (the kernelspec, the pinned tool's manifest, Python with nbclient) is missing.</summary>
public sealed class EngineUnavailableException(string message) : Exception(message);
