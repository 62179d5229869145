using System.Reflection;
using System.Runtime.Loader;

namespace DeepLinear.Notebooks.Execution;

/// <summary>
/// Resolves <c>#r "path.dll"</c> and loads referenced assemblies into the default load context, so a type a
/// notebook gets from a DLL is the same type the runner (and the libraries it loaded) use.
/// </summary>
public static class AssemblyPaths
{
    static readonly object Gate = new();
    static readonly HashSet<string> ProbeDirectories = new(StringComparer.Ordinal);
    static bool _hooked;

    /// <summary>
    /// The file to reference for <paramref name="reference"/>: an assembly of the same name already loaded in the
    /// runner, else one shipped in the runner's folder (both keep type identity with the runner), else the file
    /// at the path relative to <paramref name="notebookFolder"/>; otherwise a <see cref="DirectiveException"/> saying so.
    /// </summary>
    public static string Resolve(AssemblyReference reference, string notebookFolder)
    {
        var fullPath = Path.GetFullPath(Path.Combine(notebookFolder, reference.Path));
        var name = Path.GetFileNameWithoutExtension(fullPath);
        var loaded = AssemblyLoadContext.Default.Assemblies
            .FirstOrDefault(a => string.Equals(a.GetName().Name, name, StringComparison.OrdinalIgnoreCase) && a.Location.Length > 0);
        if (loaded is not null) return loaded.Location;
        var shipped = Path.Combine(AppContext.BaseDirectory, name + ".dll");
        if (File.Exists(shipped)) return shipped;
        if (File.Exists(fullPath)) return fullPath;
        throw new DirectiveException(reference.Line,
            $"{reference.Text}: file not found at {fullPath}, and no assembly named '{name}' is loaded in or shipped with the runner (build the project that makes it, e.g. dotnet build -c Release)");
    }

    /// <summary>Loads the assembly at <paramref name="path"/> into the default context (no-op when already loaded).</summary>
    public static Assembly LoadIntoDefaultContext(string path)
    {
        var name = AssemblyName.GetAssemblyName(path);
        var loaded = AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => AssemblyName.ReferenceMatchesDefinition(name, a.GetName()));
        if (loaded is not null) return loaded;
        lock (Gate)
        {
            var folder = Path.GetDirectoryName(path)!;
            ProbeDirectories.Add(folder);
            if (!_hooked)
            {
                AssemblyLoadContext.Default.Resolving += ProbeReferencedFolders;
                _hooked = true;
            }
        }
        try
        {
            return AssemblyLoadContext.Default.LoadFromAssemblyName(name);
        }
        catch (FileNotFoundException)
        {
            return AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
        }
    }

    static Assembly? ProbeReferencedFolders(AssemblyLoadContext context, AssemblyName name)
    {
        string[] folders;
        lock (Gate) folders = [.. ProbeDirectories];
        foreach (var folder in folders)
        {
            var candidate = Path.Combine(folder, name.Name + ".dll");
            if (File.Exists(candidate)) return context.LoadFromAssemblyPath(candidate);
        }
        return null;
    }
}
