using Plotly.NET;

namespace DeepLinear.Notebooks.Site;

/// <summary>
/// The files every page loads, written once into <c>assets/</c>: plotly.js from the copy embedded in Plotly.NET
/// (the version its charts are made for) and KaTeX 0.16.22 (vendored from npm, embedded in this assembly).
/// </summary>
public static class SiteAssets
{
    /// <summary>plotly.js, relative to the site root.</summary>
    public const string PlotlyScript = "assets/plotly.min.js";

    /// <summary>The KaTeX folder, relative to the site root.</summary>
    public const string KatexFolder = "assets/katex";

    const string PlotlyResource = "Plotly.NET.plotly-2.28.0.min.js";
    const string KatexPrefix = "DeepLinear.Notebooks.Assets.katex.";

    /// <summary>Writes the assets under <paramref name="siteRoot"/>.</summary>
    public static void Write(string siteRoot)
    {
        CopyResource(typeof(GenericChart).Assembly, PlotlyResource, Path.Combine(siteRoot, PlotlyScript));
        var own = typeof(SiteAssets).Assembly;
        foreach (var name in own.GetManifestResourceNames().Where(n => n.StartsWith(KatexPrefix, StringComparison.Ordinal)))
            CopyResource(own, name, Path.Combine(siteRoot, KatexFolder, name[KatexPrefix.Length..]));
    }

    /// <summary>Writes the embedded <paramref name="resource"/> of <paramref name="assembly"/> to <paramref name="target"/>.</summary>
    internal static void CopyResource(System.Reflection.Assembly assembly, string resource, string target)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"resource {resource} is missing from {assembly.GetName().Name}");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        using var file = File.Create(target);
        stream.CopyTo(file);
    }
}
