namespace DeepLinear.KernelExtension.Tests;

/// <summary>Paths in the repository, found by walking up from the test binaries to DeepLinear.sln.</summary>
public static class Repo
{
    /// <summary>The repository root.</summary>
    public static readonly string Root = FindRoot();

    /// <summary>A path below the root, given by its segments.</summary>
    public static string File(params string[] segments) => Path.Combine([Root, .. segments]);

    /// <summary>A fixture notebook of this project, executed in the real kernel.</summary>
    public static string Fixture(string name) => File("tests", "DeepLinear.KernelExtension.Tests", "real-kernel", name + ".ipynb");

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "DeepLinear.sln"))) return dir.FullName;
        throw new InvalidOperationException($"DeepLinear.sln not found above {AppContext.BaseDirectory}");
    }
}
