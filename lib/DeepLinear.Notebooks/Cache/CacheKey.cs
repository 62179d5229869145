using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using DeepLinear.Notebooks.Ipynb;

namespace DeepLinear.Notebooks.Cache;

/// <summary>One thing a notebook's outputs depend on, and the digest of its current state.</summary>
public sealed record CacheIngredient(string Name, string Digest);

/// <summary>
/// What an executed notebook's outputs depend on, each ingredient digested separately so that a miss can say which
/// one changed: the code cells (source and kernel language, in order; markdown is not an ingredient, since it is
/// re-rendered from the current notebook on every run), the effective parameters, the libraries the cells load by
/// path (every managed assembly in each referenced assembly's folder, so a rebuilt dependency counts), the package
/// pins, the kernel and SDK (the tool manifest, global.json and the SDK version the caller reports), and the data
/// files the code names by a relative path that exists.
/// </summary>
public sealed partial record CacheKey(IReadOnlyList<CacheIngredient> Ingredients)
{
    /// <summary>The digest of all ingredients together: the name under which outputs are stored.</summary>
    public string Hash => Digest(string.Join("\n", Ingredients.Select(i => $"{i.Name}={i.Digest}")));

    /// <summary>The names of the ingredients whose digests differ from <paramref name="previous"/>'s (or are new or gone).</summary>
    public IReadOnlyList<string> ChangedSince(CacheKey previous)
    {
        var before = previous.Ingredients.ToDictionary(i => i.Name, i => i.Digest, StringComparer.Ordinal);
        var now = Ingredients.ToDictionary(i => i.Name, i => i.Digest, StringComparer.Ordinal);
        return now.Where(kv => !before.TryGetValue(kv.Key, out var d) || d != kv.Value).Select(kv => kv.Key)
            .Concat(before.Keys.Where(k => !now.ContainsKey(k))).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// The key of <paramref name="notebookPath"/> run with <paramref name="parameters"/>. <paramref name="repositoryRoot"/>
    /// holds Directory.Packages.props, dotnet-tools.json and global.json (each optional); <paramref name="sdkVersion"/> is
    /// what `dotnet --version` reports for the kernel's SDK.
    /// </summary>
    public static CacheKey For(string notebookPath, IReadOnlyDictionary<string, string> parameters, string repositoryRoot, string sdkVersion)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var folder = Path.GetDirectoryName(Path.GetFullPath(notebookPath))!;
        var cells = Notebook.Load(notebookPath).Cells.Where(c => c.CellType == "code").Select(c => (Language: c.PolyglotKernelName ?? "csharp", c.Source));
        var code = string.Join("\n\u0000\n", cells.Select(c => $"{c.Language}\n{c.Source}"));
        var ingredients = new List<CacheIngredient>
        {
            new("code cells", Digest(code)),
            new("parameters", Digest(string.Join("\n", parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")))),
            new("package pins", FileDigest(Path.Combine(repositoryRoot, "Directory.Packages.props"))),
            new("kernel and SDK", Digest(FileDigest(Path.Combine(repositoryRoot, "dotnet-tools.json")) + FileDigest(Path.Combine(repositoryRoot, "global.json")) + sdkVersion)),
        };
        foreach (var library in ReferencedAssemblies(code, folder))
            ingredients.Add(new($"library {Path.GetFileName(library)}", Digest(string.Concat(
                Directory.EnumerateFiles(Path.GetDirectoryName(library)!, "*.dll").Order(StringComparer.Ordinal).Select(f => Path.GetFileName(f) + FileDigest(f))))));
        foreach (var data in DataFiles(code, folder))
            ingredients.Add(new($"data {Path.GetRelativePath(folder, data)}", FileDigest(data)));
        return new CacheKey(ingredients);
    }

    static IEnumerable<string> ReferencedAssemblies(string code, string folder) =>
        PathReference().Matches(code).Select(m => Path.GetFullPath(Path.Combine(folder, m.Groups[1].Value)))
            .Where(File.Exists).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    static IEnumerable<string> DataFiles(string code, string folder) =>
        StringLiteral().Matches(code).Select(m => m.Groups[1].Value)
            .Where(text => text.Length > 0 && !text.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && text.IndexOfAny(Path.GetInvalidPathChars()) < 0)
            .Select(text => Path.GetFullPath(Path.Combine(folder, text)))
            .Where(File.Exists).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    static string FileDigest(string path) => File.Exists(path) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))) : "absent";

    static string Digest(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [GeneratedRegex("""^\s*#r\s+"(?!nuget:)([^"]+\.dll)"\s*$""", RegexOptions.Multiline)]
    private static partial Regex PathReference();

    [GeneratedRegex(""""(?<![@$])"([^"\\\r\n]*/[^"\\\r\n]*)"""")]
    private static partial Regex StringLiteral();
}
