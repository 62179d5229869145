using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DeepLinear.Notebooks.Execution;

/// <summary>What the Jupyter driver left: the executed notebook (null if it wrote none), its status, and its own stderr.</summary>
internal sealed record DriverOutcome(JsonObject? Executed, JsonObject Status, string Stderr);

/// <summary>
/// Runs <c>jupyter/execute.py</c> (nbclient driving the kernelspec <see cref="KernelHome.KernelName"/>) for one prepared
/// notebook, in a temporary folder, as a child process of its own with its own kernel. Progress arrives as JSON lines
/// on its stdout. Its stdin stays open while this process lives: when it closes (this process ended or gave up) the
/// driver kills its kernel and exits, so no kernel outlives the run.
/// </summary>
internal sealed class JupyterDriver(KernelHome home, RunnerOptions options)
{
    static readonly Lazy<string> Prelude = new(() =>
    {
        using var stream = typeof(JupyterDriver).Assembly.GetManifestResourceStream("DeepLinear.Notebooks.jupyter.prelude.csx")
            ?? throw new InvalidOperationException("jupyter/prelude.csx is not embedded in DeepLinear.Notebooks; rebuild it");
        return new StreamReader(stream).ReadToEnd();
    });

    /// <summary>Executes <paramref name="prepared"/>; each progress line of the driver goes to <paramref name="onEvent"/>.</summary>
    public async Task<DriverOutcome> RunAsync(PreparedNotebook prepared, Action<JsonObject> onEvent, CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("deeplinear-run-");
        try
        {
            var notebookFolder = Path.GetDirectoryName(prepared.Source.Path)!;
            var kernelFolder = home.KernelFolderFor(notebookFolder);
            var input = Path.Combine(work.FullName, "input.ipynb");
            prepared.KernelInput.Save(input);
            var request = new JsonObject
            {
                ["notebook"] = input,
                ["output"] = Path.Combine(work.FullName, "executed.ipynb"),
                ["status"] = Path.Combine(work.FullName, "status.json"),
                ["kernel_log"] = Path.Combine(work.FullName, "kernel.log"),
                ["kernel_name"] = KernelHome.KernelName,
                ["cwd"] = kernelFolder,
                ["cell_timeout"] = options.CellTimeout.TotalSeconds,
                ["interrupt_grace"] = options.InterruptGrace.TotalSeconds,
                ["startup_timeout"] = (int)Math.Ceiling(options.StartupTimeout.TotalSeconds),
                ["prelude"] = Prelude.Value + (kernelFolder == notebookFolder ? "" : MoveInto(notebookFolder)),
            };
            var requestPath = Path.Combine(work.FullName, "request.json");
            await File.WriteAllTextAsync(requestPath, request.ToJsonString(), cancellationToken);
            var stderr = await RunDriverAsync(requestPath, kernelFolder, onEvent, cancellationToken);
            return new DriverOutcome(ReadObject(request["output"]!.GetValue<string>()),
                ReadObject(request["status"]!.GetValue<string>()) ?? new JsonObject { ["status"] = "engine_error", ["evalue"] = "the Jupyter driver wrote no status" },
                stderr);
        }
        finally
        {
            try { work.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>C# that makes the kernel's working directory the notebook's folder (the kernel started elsewhere to find the pinned tool).</summary>
    static string MoveInto(string folder) => $"\nSystem.IO.Directory.SetCurrentDirectory({JsonSerializer.Serialize(folder)});\n";

    async Task<string> RunDriverAsync(string requestPath, string workingDirectory, Action<JsonObject> onEvent, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(home.Python)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(home.Driver);
        info.ArgumentList.Add(requestPath);
        var jupyterPath = Environment.GetEnvironmentVariable("JUPYTER_PATH");
        info.Environment["JUPYTER_PATH"] = string.IsNullOrEmpty(jupyterPath) ? home.JupyterPath : home.JupyterPath + Path.PathSeparator + jupyterPath;
        info.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["PYTHONUNBUFFERED"] = "1";
        using var process = Process.Start(info) ?? throw new EngineUnavailableException($"could not start {home.Python}");
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var events = ReadEventsAsync(process.StandardOutput, onEvent);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10))) process.Kill(entireProcessTree: true);
            throw;
        }
        await events;
        return await stderr;
    }

    static async Task ReadEventsAsync(StreamReader stdout, Action<JsonObject> onEvent)
    {
        while (await stdout.ReadLineAsync() is { } line)
        {
            if (line.StartsWith('{') && TryParse(line) is { } e) onEvent(e);
        }
    }

    static JsonObject? TryParse(string json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    static JsonObject? ReadObject(string path) => File.Exists(path) ? TryParse(File.ReadAllText(path)) : null;
}
