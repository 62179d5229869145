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

    /// <summary>Runs a fixture notebook with the given overrides and time limit.</summary>
    public static NotebookResult Run(string fixture, IReadOnlyDictionary<string, string>? parameters = null, TimeSpan? timeout = null) =>
        new NotebookRunner(new RunnerOptions { CellTimeout = timeout ?? TimeSpan.FromMinutes(2) })
            .RunAsync(Fixture(fixture), parameters).GetAwaiter().GetResult();

    static readonly Lazy<string> TempRoot = new(() =>
    {
        var root = Path.Combine(Path.GetTempPath(), "deeplinear-tests", Environment.ProcessId.ToString());
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return root;
    });

    /// <summary>A fresh temporary folder, removed when the test process exits.</summary>
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

/// <summary>A static the path-reference fixture sets from inside a notebook, proving the notebook saw this very assembly.</summary>
public static class Probe
{
    /// <summary>Set by tests/DeepLinear.Notebooks.Tests/notebooks/path-reference.ipynb.</summary>
    public static int Value { get; set; }
}
