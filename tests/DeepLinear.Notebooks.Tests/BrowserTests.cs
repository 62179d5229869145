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

    static string Dom(string page)
    {
        var chromium = ExternalTool.Find("chromium", "chromium-browser", "google-chrome")
            ?? throw new InvalidOperationException("chromium not found on PATH: install Debian's chromium (apt-get install -y chromium) to run the browser tests");
        var profile = Repo.TempFolder();
        var result = ExternalTool.Run(chromium,
            ["--headless", "--no-sandbox", "--disable-gpu", $"--user-data-dir={profile}", "--virtual-time-budget=10000", "--dump-dom", new Uri(page).AbsoluteUri],
            TimeSpan.FromSeconds(120));
        Assert.True(result.ExitCode == 0, $"chromium exited {result.ExitCode}: {result.Stderr}");
        return result.Stdout;
    }
}
