using System.Text.RegularExpressions;
using Xunit;

namespace DeepLinear.Notebooks.Tests;

/// <summary>
/// The rendered site in a real browser (Debian's headless chromium): charts draw, math renders, no script errors.
/// chromium is required: <c>apt-get install -y chromium</c>.
/// </summary>
public class BrowserTests
{
    [Fact]
    public void Chart_page_draws_plotly_svg_without_script_errors()
    {
        var dom = Dom(Path.Combine(RenderedSite.Folder, "foreign.html"));

        Assert.Contains("class=\"main-svg\"", dom);
        AssertNoScriptErrors(dom);
    }

    [Fact]
    public void Markdown_math_is_rendered_by_katex()
    {
        var dom = Dom(Path.Combine(RenderedSite.Folder, "basics.html"));

        Assert.Equal(2, Regex.Matches(dom, "class=\"katex\"").Count);
        Assert.Contains("<title>Basics</title>", dom);
        Assert.Contains("katex-display", dom);
        AssertNoScriptErrors(dom);
    }

    [Fact]
    public void Index_and_failed_notebook_pages_load_cleanly()
    {
        var index = Dom(Path.Combine(RenderedSite.Folder, "index.html"));
        Assert.Contains("href=\"foreign.html\"", index);
        Assert.Contains(">Basics</a></h3>", index);
        Assert.Contains("failed", index);
        AssertNoScriptErrors(index);
        var failed = Dom(Path.Combine(RenderedSite.Folder, "throws.html"));
        Assert.Contains("the loss diverged at step 17", failed);
        AssertNoScriptErrors(failed);
    }

    [Fact]
    public void Every_page_says_its_place_links_its_neighbours_and_its_download_and_every_link_resolves()
    {
        var stops = RenderedSite.Notebooks.OrderBy(n => n, StringComparer.Ordinal).ToArray();
        for (int i = 0; i < stops.Length; i++)
        {
            var dom = Dom(Path.Combine(RenderedSite.Folder, stops[i] + ".html"));
            Assert.Contains($"notebook {i + 1} of {stops.Length}", dom);
            Assert.Equal(i > 0, dom.Contains($"rel=\"prev\" href=\"{stops[Math.Max(0, i - 1)]}.html\""));
            Assert.Equal(i + 1 < stops.Length, dom.Contains($"rel=\"next\" href=\"{stops[Math.Min(stops.Length - 1, i + 1)]}.html\""));
            foreach (Match link in Regex.Matches(dom, "<a [^>]*href=\"([^\"#:]+)\""))
                Assert.True(File.Exists(Path.Combine(RenderedSite.Folder, link.Groups[1].Value)), $"{stops[i]}.html links {link.Groups[1].Value}, which the site lacks");
            AssertNoScriptErrors(dom);
        }
    }

    [Fact]
    public void The_landing_page_names_the_paper_and_the_errata_page_lists_every_record_with_its_cell()
    {
        var index = Dom(Path.Combine(RenderedSite.Folder, "index.html"));
        Assert.Contains("Exact Solutions of a Deep Linear Network", index);
        Assert.Contains("href=\"errata.html\"", index);
        Assert.Contains("href=\"derivation.html\"", index);
        var errata = Dom(Path.Combine(RenderedSite.Folder, "errata.html"));
        foreach (var e in DeepLinear.PaperErrata.All)
            Assert.Contains($"href=\"{Path.GetFileNameWithoutExtension(e.Notebook)}.html#{e.CellId}\"", errata);
        var derivation = Dom(Path.Combine(RenderedSite.Folder, "derivation.html"));
        Assert.Contains("The exact landscape in one variable", derivation);
        Assert.True(Regex.Matches(derivation, "class=\"katex\"").Count > 20, "the derivation's math is rendered");
        AssertNoScriptErrors(errata);
        AssertNoScriptErrors(derivation);
    }

    [Theory]
    [InlineData("index.html")]
    [InlineData("errata.html")]
    [InlineData("derivation.html")]
    [InlineData("basics.html")]
    [InlineData("foreign.html")]
    [InlineData("parameters.html")]
    [InlineData("throws.html")]
    public void Page_reads_in_a_browser_without_clipping_cramped_charts_raw_tex_broken_links_or_script_errors(string page)
    {
        var report = PageProbe.Measure(Path.Combine(RenderedSite.Folder, page));

        // the errata page links the product notebooks' cells, which a run of the product notebooks writes (their
        // tests check that each linked cell is on its page)
        PageProbe.AssertReadable(report, RenderedSite.Folder, page == "errata.html" ? ProductSite.ToCome : null, isHome: page == "index.html");
        if (page == "foreign.html") Assert.Single(report.Charts);
    }

    [Fact]
    public void The_probe_sees_clipped_output_a_cramped_chart_raw_tex_a_broken_link_and_a_console_error()
    {
        var folder = Repo.TempFolder();
        Notebooks.Site.SiteAssets.Write(folder);
        var names = string.Join(",", Enumerable.Range(1, 6).Select(k => $"{{\"name\": \"measured: a long legend entry for series {k} at the right\", \"y\": [1, 2, {k}]}}"));
        var body = "<nav class=\"nav\"><a href=\"index.html\">home</a><a href=\"missing.html\">gone</a></nav>"
            + "<div style=\"white-space:nowrap\">" + string.Concat(Enumerable.Repeat("[ ✓ a check, ", 80)) + "]</div>"
            + "<div style=\"overflow:hidden;white-space:nowrap;width:300px\">" + new string('x', 400) + "</div>"
            + "<div id=\"c\"></div><script>Plotly.newPlot(\"c\", [" + names + "], {width: 700, yaxis: {title: {text: \"W_{D+1}^{D/(D+1)}\"}}});"
            + "console.error(\"something went wrong\");</script>";
        var page = Path.Combine(folder, "defects.html");
        File.WriteAllText(page, Notebooks.Site.Layout.Page("defects", body, ""));
        File.WriteAllText(Path.Combine(folder, "index.html"), "");

        var report = PageProbe.Measure(page);

        Assert.Contains(report.Overflows, o => o.StartsWith("past the column div", StringComparison.Ordinal));
        Assert.Contains(report.Overflows, o => o.StartsWith("clipped div", StringComparison.Ordinal));
        var chart = Assert.Single(report.Charts);
        Assert.True(chart.PlotWidth < chart.Width / 2, $"plot area {chart.PlotWidth} of {chart.Width}");
        Assert.Contains("W_{D+1}^{D/(D+1)}", report.RawTex);
        Assert.Contains(report.Errors, e => e.Contains("something went wrong", StringComparison.Ordinal));
        var failure = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => PageProbe.AssertReadable(report, folder));
        Assert.Contains("the site has no missing.html", failure.Message);
    }

    [Fact]
    public void Script_error_detection_works()
    {
        var page = Path.Combine(Repo.TempFolder(), "broken.html");
        File.WriteAllText(page, Notebooks.Site.Layout.Page("broken", "<script>noSuchFunction();</script>", RenderedSite.Folder + "/"));

        var dom = Dom(page);

        Assert.Matches("<html[^>]*data-js-errors=\"[^\"]*noSuchFunction", dom);
    }

    static void AssertNoScriptErrors(string dom)
    {
        var errors = Regex.Match(dom, "<html[^>]*data-js-errors=\"([^\"]*)\"");
        Assert.False(errors.Success, "script errors: " + errors.Groups[1].Value);
    }

    static string Dom(string page) => Chromium.Dom(page);
}
