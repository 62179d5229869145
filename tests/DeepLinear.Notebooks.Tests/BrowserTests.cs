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
        Assert.Contains("<td>Basics</td>", index);
        Assert.Contains("failed", index);
        AssertNoScriptErrors(index);
        var failed = Dom(Path.Combine(RenderedSite.Folder, "throws.html"));
        Assert.Contains("the loss diverged at step 17", failed);
        AssertNoScriptErrors(failed);
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
