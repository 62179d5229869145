using DeepLinear.Notebooks.Execution;

namespace DeepLinear.Notebooks.Tests;

/// <summary>Paths in the repository, found by walking up from the test binaries to DeepLinear.sln.</summary>
public static class Repo
{
    /// <summary>The repository root.</summary>
    public static readonly string Root = FindRoot();

    /// <summary>The runner's own fixture notebooks.</summary>
    public static string Fixture(string name) => Path.Combine(Root, "tests", "DeepLinear.Notebooks.Tests", "notebooks", name + ".ipynb");

    /// <summary>The product notebooks folder.</summary>
    public static string Notebooks => Path.Combine(Root, "notebooks");

    /// <summary>Runs a fixture notebook in its own kernel with the given overrides and per-cell time limit.</summary>
    public static NotebookResult Run(string fixture, IReadOnlyDictionary<string, string>? parameters = null, TimeSpan? timeout = null) =>
        RunFile(Fixture(fixture), parameters, timeout);

    /// <summary>Runs the notebook at <paramref name="path"/> in its own kernel.</summary>
    public static NotebookResult RunFile(string path, IReadOnlyDictionary<string, string>? parameters = null, TimeSpan? timeout = null) =>
        new NotebookRunner(new RunnerOptions { CellTimeout = timeout ?? TimeSpan.FromMinutes(3) })
            .RunAsync(path, parameters).GetAwaiter().GetResult();

    /// <summary>
    /// This test process's folder under the temp directory; folders left by earlier test processes (named by
    /// a process id no longer running) are removed first, as the test host may end without running exit handlers.
    /// </summary>
    static readonly Lazy<string> TempRoot = new(() =>
    {
        var parent = Path.Combine(Path.GetTempPath(), "deeplinear-tests");
        if (Directory.Exists(parent))
            foreach (var stale in Directory.GetDirectories(parent).Where(d => !IsRunning(Path.GetFileName(d))))
            {
                try { Directory.Delete(stale, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        return Path.Combine(parent, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    });

    static bool IsRunning(string name)
    {
        if (!int.TryParse(name, out var pid)) return false;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>A fresh temporary folder (removed by a later test run).</summary>
    public static string TempFolder()
    {
        var path = Path.Combine(TempRoot.Value, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DeepLinear.sln"))) return dir.FullName;
        throw new InvalidOperationException($"DeepLinear.sln not found above {AppContext.BaseDirectory}");
    }
}
