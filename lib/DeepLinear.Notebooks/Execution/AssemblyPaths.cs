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
        var loaded = LoadedInDefaultContext(name);
        if (loaded is not null) return loaded.Location;
        var shipped = Path.Combine(AppContext.BaseDirectory, name + ".dll");
        if (File.Exists(shipped)) return shipped;
        if (File.Exists(fullPath)) return fullPath;
        throw new DirectiveException(reference.Line,
            $"{reference.Text}: file not found at {fullPath}, and no assembly named '{name}' is loaded in or shipped with the runner (build the project that makes it, e.g. dotnet build -c Release)");
    }

    /// <summary>
    /// Loads the assembly at <paramref name="path"/> into the default context by its simple name (the file name, as
    /// .NET builds name them): from the runner's own folder when it ships one, else from the file's folder. No-op when already loaded.
    /// </summary>
    public static Assembly LoadIntoDefaultContext(string path)
    {
        var loaded = LoadedInDefaultContext(Path.GetFileNameWithoutExtension(path));
        if (loaded is not null) return loaded;
        var name = new AssemblyName(Path.GetFileNameWithoutExtension(path));
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

    /// <summary>
    /// The file-backed assembly with this simple name in the default context, or null. Reads names from
    /// <see cref="Assembly.FullName"/> rather than <see cref="Assembly.GetName()"/>, which parses the culture and
    /// throws under invariant globalization for any assembly with an unusual one.
    /// </summary>
    static Assembly? LoadedInDefaultContext(string simpleName) =>
        AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a =>
            !a.IsDynamic && a.Location.Length > 0 && a.FullName is { } full
            && string.Equals(full.Split(',', 2)[0], simpleName, StringComparison.OrdinalIgnoreCase));

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
