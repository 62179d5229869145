using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace DeepLinear.Notebooks.Tests;

/// <summary>One chart as drawn: its element and cell, its width, its widest plot area, and titles drawn outside it.</summary>
public sealed record ProbedChart(string Id, string Cell, double Width, double PlotWidth, string[] Cut);

/// <summary>A box whose content is wider than the box, so that the rest is seen only by scrolling it.</summary>
public sealed record ScrolledBox(string Tag, string What);

/// <summary>What <c>PageProbe.js</c> measured on one page in chromium.</summary>
public sealed record PageReport(string Page, double PageWidth, double WindowWidth, string[] Overflows, ScrolledBox[] Scrolled, ProbedChart[] Charts,
    string[] RawTex, string[] Links, int Navigations, string[] Errors, string[] MathErrors);

/// <summary>
/// A page of the site judged in a real browser, as a reader meets it: one headless chromium run per page, at a
/// laptop's width, on a copy of the page with <c>PageProbe.js</c> injected (and a hook before every other script
/// that records console errors, rejected promises and files that fail to load). <see cref="AssertReadable"/> holds
/// it to what issue #13 asks of every page.
/// </summary>
public static class PageProbe
{
    /// <summary>The window's width in CSS pixels: a laptop's browser window, where the page column is at its widest.</summary>
    public const int WindowWidth = 1200;

    const string ErrorHook = """
        <script>
        window.__probeErrors = [];
        (function () {
          var error = console.error;
          console.error = function () { window.__probeErrors.push("console.error: " + Array.prototype.join.call(arguments, " ")); return error.apply(console, arguments); };
          window.addEventListener("error", function (e) {
            if (e.target && e.target !== window) window.__probeErrors.push("failed to load " + (e.target.src || e.target.href));
            else window.__probeErrors.push("uncaught: " + e.message);
          }, true);
          window.addEventListener("unhandledrejection", function (e) { window.__probeErrors.push("unhandled rejection: " + e.reason); });
        })();
        </script>
        """;

    /// <summary>Loads <paramref name="page"/> in chromium and returns what the probe measured.</summary>
    public static PageReport Measure(string page)
    {
        var html = File.ReadAllText(page);
        var head = html.IndexOf("<head>", StringComparison.Ordinal);
        var end = html.LastIndexOf("</body>", StringComparison.Ordinal);
        Assert.True(head >= 0 && end > head, $"{page} has no <head> and </body>");
        var probe = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "PageProbe.js"));
        var copy = Path.Combine(Path.GetDirectoryName(page)!, ".probe-" + Path.GetFileName(page));
        File.WriteAllText(copy, html[..(head + 6)] + ErrorHook + html[(head + 6)..end] + "<script>" + probe + "</script>" + html[end..]);
        try
        {
            var dom = Chromium.Dom(copy, $"--window-size={WindowWidth},1600");
            var json = Regex.Match(dom, "<pre id=\"page-probe\">(.*?)</pre>", RegexOptions.Singleline);
            Assert.True(json.Success, $"the probe did not report on {page}: the page never finished loading");
            var report = JsonSerializer.Deserialize<PageReport>(WebUtility.HtmlDecode(json.Groups[1].Value), new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
            return report with { Page = Path.GetFileName(page) };
        }
        finally
        {
            File.Delete(copy);
        }
    }

    /// <summary>
    /// Fails with every problem of the page at once: (a) a block wider than the page column with no scrolling box
    /// around it, a box that hides what overflows it, or a <c>pre</c> (code or text output) whose lines run past its
    /// width, which only a scroll bar would reveal and which the issue found cut off at the right edge (wide tables
    /// and formulas may scroll instead); (b) a chart whose plot area is less than half its width, or that draws a
    /// title or its legend outside itself; (c) raw TeX in a chart's titles; (d) no link home, or a relative link to
    /// a file (or a cell anchor) the site lacks, where <paramref name="toCome"/> names the pages a full run writes
    /// besides those already in <paramref name="siteFolder"/>; (e) any script error, and any formula KaTeX could not
    /// render.
    /// </summary>
    public static void AssertReadable(PageReport report, string siteFolder, IReadOnlySet<string>? toCome = null, bool isHome = false)
    {
        var problems = new List<string>();
        if (report.PageWidth > report.WindowWidth + 1) problems.Add($"the page is {report.PageWidth} px wide in a {report.WindowWidth} px window");
        problems.AddRange(report.Overflows);
        problems.AddRange(report.Scrolled.Where(b => b.Tag == "pre").Select(b => "lines hidden until scrolled: " + b.What));
        foreach (var chart in report.Charts)
        {
            // half the chart's width for the plot itself: what is left is margins, axis labels and a colour bar
            if (chart.PlotWidth < chart.Width / 2)
                problems.Add($"chart {chart.Id} in #{chart.Cell}: plot area {chart.PlotWidth:0} px of {chart.Width:0} px");
            problems.AddRange(chart.Cut.Select(t => $"chart {chart.Id} in #{chart.Cell} draws \"{t}\" outside itself"));
        }
        problems.AddRange(report.RawTex.Select(t => $"raw TeX in a chart title: {t}"));
        if (!isHome && report.Navigations == 0) problems.Add("no navigation link to index.html");
        foreach (var link in report.Links.Where(l => !Regex.IsMatch(l, "^[a-z]+:")))
            if (Unresolved(link, report.Page, siteFolder, toCome) is { } why) problems.Add(why);
        problems.AddRange(report.Errors.Select(e => "script error: " + e));
        problems.AddRange(report.MathErrors.Select(e => "KaTeX could not render: " + e));
        Assert.True(problems.Count == 0, $"{report.Page}:\n  " + string.Join("\n  ", problems));
    }

    static string? Unresolved(string link, string page, string siteFolder, IReadOnlySet<string>? toCome)
    {
        var parts = link.Split('#', 2);
        var path = parts[0].Split('?', 2)[0]; // a query (the explorer's presets) names no file
        var target = path.Length == 0 ? page : WebUtility.UrlDecode(path);
        var file = Path.Combine(siteFolder, target);
        if (!File.Exists(file))
            return toCome?.Contains(target) == true ? null : $"link {link}: the site has no {target}";
        if (parts.Length == 2 && parts[1].Length > 0 && target.EndsWith(".html", StringComparison.Ordinal)
            && !File.ReadAllText(file).Contains($"id=\"{parts[1]}\"", StringComparison.Ordinal))
            return $"link {link}: {target} has no element with id {parts[1]}";
        return null;
    }
}
