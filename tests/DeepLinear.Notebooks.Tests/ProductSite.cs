using DeepLinear.Notebooks.Ipynb;
using DeepLinear.Notebooks.Site;

namespace DeepLinear.Notebooks.Tests;

/// <summary>
/// The product notebooks' site as <c>deeplinear run</c> writes it, filled page by page: the assets, landing, errata
/// and derivation pages up front, and each notebook's page once its test has executed it, with the full reading path,
/// so every page can be judged in chromium as a reader meets it.
/// </summary>
public static class ProductSite
{
    static readonly Lazy<(string Folder, ReadingPath Path)> Site = new(() =>
    {
        var folder = Repo.TempFolder();
        var stops = Directory.GetFiles(Repo.Notebooks, "*.ipynb").Order(StringComparer.Ordinal)
            .Select(p => new PathStop(System.IO.Path.GetFileNameWithoutExtension(p), PageRenderer.Title(Notebook.Load(p), System.IO.Path.GetFileNameWithoutExtension(p))))
            .ToArray();
        var path = new ReadingPath(stops, ReadingPath.CodespacesFor(Repo.Root));
        SiteWriter.WriteIndex(folder, [], path, Repo.Root);
        return (folder, path);
    });

    /// <summary>The folder the pages are written to.</summary>
    public static string Folder => Site.Value.Folder;

    /// <summary>The reading path through every notebook under notebooks/.</summary>
    public static ReadingPath Path => Site.Value.Path;

    /// <summary>The pages of notebooks whose tests have not written them yet: a page's links to them resolve in a full run.</summary>
    public static IReadOnlySet<string> ToCome => Path.Stops.SelectMany(s => new[] { s.Name + ".html", s.Name + ".ipynb" }).ToHashSet();
}
