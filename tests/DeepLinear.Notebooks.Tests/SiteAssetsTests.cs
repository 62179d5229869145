using DeepLinear.Notebooks.Site;
using Xunit;

namespace DeepLinear.Notebooks.Tests;

/// <summary>The site's assets come from the packages actually referenced, not from names typed for one version.</summary>
public class SiteAssetsTests
{
    [Fact]
    public void The_plotly_script_is_the_one_Plotly_NET_embeds_and_targets()
    {
        var folder = Repo.TempFolder();

        SiteAssets.Write(folder);

        // Plotly.NET's own chart HTML loads this version from a CDN: the site's copy must be that same plotly.js
        Assert.Equal(global::Globals.PLOTLYJS_VERSION, SiteAssets.PlotlyVersion);
        var script = File.ReadAllText(Path.Combine(folder, SiteAssets.PlotlyScript));
        Assert.Contains($"plotly.js v{SiteAssets.PlotlyVersion}\n", script[..200]);
        Assert.True(script.Length > 1_000_000, $"plotly.min.js is {script.Length} characters, less than a whole plotly.js");
        Assert.True(File.Exists(Path.Combine(folder, SiteAssets.KatexFolder, "katex.min.js")));
        Assert.True(File.Exists(Path.Combine(folder, SiteAssets.KatexFolder, "fonts", "KaTeX_Main-Regular.woff2")));
    }
}
