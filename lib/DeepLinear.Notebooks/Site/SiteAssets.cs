using System.Reflection;
using System.Text.RegularExpressions;
using Plotly.NET;

namespace DeepLinear.Notebooks.Site;

/// <summary>
/// The files every page loads, written once into <c>assets/</c>: plotly.js from the copy embedded in Plotly.NET
/// (the version its charts are made for, whichever version of the package is referenced) and KaTeX 0.16.22
/// (vendored from npm, embedded in this assembly).
/// </summary>
public static partial class SiteAssets
{
    /// <summary>plotly.js, relative to the site root.</summary>
    public const string PlotlyScript = "assets/plotly.min.js";

    /// <summary>The KaTeX folder, relative to the site root.</summary>
    public const string KatexFolder = "assets/katex";

    const string KatexPrefix = "DeepLinear.Notebooks.Assets.katex.";

    /// <summary>
    /// The version of the plotly.js that Plotly.NET embeds (its resource <c>Plotly.NET.plotly-VERSION.min.js</c>),
    /// found in the loaded assembly, so an upgrade of the package needs no edit here.
    /// </summary>
    public static string PlotlyVersion => PlotlyResource.Value.Version;

    static readonly Lazy<(string Name, string Version)> PlotlyResource = new(() =>
    {
        var assembly = typeof(GenericChart).Assembly;
        var found = assembly.GetManifestResourceNames().Select(n => EmbeddedPlotly().Match(n)).Where(m => m.Success).ToList();
        if (found.Count != 1)
            throw new InvalidOperationException($"{assembly.GetName().Name} {assembly.GetName().Version} embeds {found.Count} plotly.js files " +
                $"(resources named Plotly.NET.plotly-VERSION.min.js), expected exactly one: {string.Join(", ", found.Select(m => m.Value))}");
        return (found[0].Value, found[0].Groups[1].Value);
    });

    [GeneratedRegex(@"^Plotly\.NET\.plotly-(\d+\.\d+\.\d+)\.min\.js$")]
    private static partial Regex EmbeddedPlotly();

    /// <summary>Writes the assets under <paramref name="siteRoot"/>.</summary>
    public static void Write(string siteRoot)
    {
        CopyResource(typeof(GenericChart).Assembly, PlotlyResource.Value.Name, Path.Combine(siteRoot, PlotlyScript));
        var own = typeof(SiteAssets).Assembly;
        foreach (var name in own.GetManifestResourceNames().Where(n => n.StartsWith(KatexPrefix, StringComparison.Ordinal)))
            CopyResource(own, name, Path.Combine(siteRoot, KatexFolder, name[KatexPrefix.Length..]));
    }

    /// <summary>Writes the embedded <paramref name="resource"/> of <paramref name="assembly"/> to <paramref name="target"/>.</summary>
    internal static void CopyResource(Assembly assembly, string resource, string target)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"resource {resource} is missing from {assembly.GetName().Name}");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        using var file = File.Create(target);
        stream.CopyTo(file);
    }
}
