using System.Text.Json.Nodes;

namespace DeepLinear.Notebooks.Execution;

/// <summary>
/// Serves <c>#r "nuget: Name, Version"</c> from the packages this process was built with: the name and version
/// must be pinned (<see cref="PackagePins"/>), and the package's assembly closure is read from the running
/// application's <c>.deps.json</c> (the assemblies sit in <see cref="AppContext.BaseDirectory"/>).
/// </summary>
public sealed class PackageCatalog
{
    readonly Dictionary<string, (string Version, IReadOnlyList<string> Dependencies, IReadOnlyList<string> Assemblies)> _libraries;

    PackageCatalog(Dictionary<string, (string, IReadOnlyList<string>, IReadOnlyList<string>)> libraries) => _libraries = libraries;

    /// <summary>The catalog of the running application (read once).</summary>
    public static PackageCatalog Current => CurrentCatalog.Value;

    static readonly Lazy<PackageCatalog> CurrentCatalog = new(() => FromDepsFile(FindDepsFile()));

    /// <summary>Reads a <c>.deps.json</c> file.</summary>
    public static PackageCatalog FromDepsFile(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        var target = root["targets"]!.AsObject().First().Value!.AsObject();
        var libraries = new Dictionary<string, (string, IReadOnlyList<string>, IReadOnlyList<string>)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in target)
        {
            var slash = key.IndexOf('/');
            var dependencies = (value?["dependencies"] as JsonObject)?.Select(d => d.Key).ToList() ?? [];
            var assemblies = (value?["runtime"] as JsonObject)?.Select(r => Path.GetFileName(r.Key))
                .Where(f => f.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).ToList() ?? [];
            libraries[key[..slash]] = (key[(slash + 1)..], dependencies, assemblies);
        }
        return new PackageCatalog(libraries);
    }

    static string FindDepsFile()
    {
        var listed = (AppContext.GetData("APP_CONTEXT_DEPS_FILES") as string)?.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(File.Exists);
        return listed ?? Directory.EnumerateFiles(AppContext.BaseDirectory, "*.deps.json").FirstOrDefault()
            ?? throw new InvalidOperationException($"no .deps.json found in {AppContext.BaseDirectory}; #r \"nuget: ...\" needs the runner's own build output");
    }

    /// <summary>
    /// The assembly files of <paramref name="reference"/>'s package and its dependencies; a name or version the
    /// project does not pin, or one missing from this build, is a <see cref="DirectiveException"/> that says which.
    /// </summary>
    public IReadOnlyList<string> Resolve(NuGetReference reference)
    {
        if (BuiltInExtensions.TryGetValue(reference.Package, out var extended))
            return ResolveBuiltInExtension(reference, extended);
        if (!PackagePins.All.TryGetValue(reference.Package, out var pinned))
            throw new DirectiveException(reference.Line,
                $"package '{reference.Package}' is not pinned in Directory.Packages.props, so the runner cannot serve {reference.Text}; pinned packages: {string.Join(", ", PackagePins.All.Select(p => $"{p.Key} {p.Value}"))}");
        if (reference.Version is { } asked && asked != pinned)
            throw new DirectiveException(reference.Line,
                $"version {asked} of '{reference.Package}' is not the pinned one: Directory.Packages.props pins {reference.Package} {pinned}; write #r \"nuget: {reference.Package}, {pinned}\"");
        if (!_libraries.TryGetValue(reference.Package, out var library) || library.Version != pinned)
            throw new DirectiveException(reference.Line,
                $"package '{reference.Package}' {pinned} is pinned but not part of the runner's build; add a PackageReference to it in lib/DeepLinear.Notebooks");
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Collect(reference.Package, seen, files);
        return files;
    }

    /// <summary>
    /// Kernel extensions whose work the runner does itself (Plotly.NET.Interactive registers the chart formatter, see
    /// <see cref="DeepLinear.Interactive.ChartFormatting"/>), mapped to the package they extend: a notebook written for the real kernel that asks
    /// for one gets the extended package, at the version matching the pin.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> BuiltInExtensions =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Plotly.NET.Interactive"] = "Plotly.NET" };

    IReadOnlyList<string> ResolveBuiltInExtension(NuGetReference reference, string extended)
    {
        var pinned = PackagePins.All[extended];
        if (reference.Version is { } asked && asked != pinned)
            throw new DirectiveException(reference.Line,
                $"version {asked} of '{reference.Package}' does not match the pinned {extended} {pinned}; the runner provides {reference.Package} itself for {extended} {pinned}: write #r \"nuget: {reference.Package}, {pinned}\"");
        return Resolve(reference with { Package = extended, Version = pinned });
    }

    void Collect(string name, HashSet<string> seen, List<string> files)
    {
        if (!seen.Add(name) || !_libraries.TryGetValue(name, out var library)) return;
        foreach (var assembly in library.Assemblies)
        {
            var path = Path.Combine(AppContext.BaseDirectory, assembly);
            if (File.Exists(path)) files.Add(path);
        }
        foreach (var dependency in library.Dependencies) Collect(dependency, seen, files);
    }
}
