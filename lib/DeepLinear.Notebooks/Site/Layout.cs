using System.Net;

namespace DeepLinear.Notebooks.Site;

/// <summary>The page frame shared by notebook pages and the index: assets, style, math rendering, error capture.</summary>
public static class Layout
{
    /// <summary>
    /// A complete HTML page. plotly.js loads synchronously before the body (chart scripts call <c>Plotly.newPlot</c>
    /// inline); KaTeX auto-render runs on markdown cells once the page is parsed. Uncaught script errors are recorded
    /// in the <c>data-js-errors</c> attribute of the root element, so headless checks can see them.
    /// </summary>
    public static string Page(string title, string body, string assetsPrefix) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>{{WebUtility.HtmlEncode(title)}}</title>
        <script>
        window.addEventListener("error", function (e) {
          var root = document.documentElement;
          root.setAttribute("data-js-errors", (root.getAttribute("data-js-errors") || "") + (e.message || "error") + "; ");
        });
        </script>
        <link rel="stylesheet" href="{{assetsPrefix}}{{SiteAssets.KatexFolder}}/katex.min.css">
        <script defer src="{{assetsPrefix}}{{SiteAssets.KatexFolder}}/katex.min.js"></script>
        <script defer src="{{assetsPrefix}}{{SiteAssets.KatexFolder}}/auto-render.min.js"></script>
        <script src="{{assetsPrefix}}{{SiteAssets.PlotlyScript}}"></script>
        <script>
        document.addEventListener("DOMContentLoaded", function () {
          document.querySelectorAll(".markdown").forEach(function (el) {
            renderMathInElement(el, {
              delimiters: [
                { left: "$$", right: "$$", display: true },
                { left: "\\[", right: "\\]", display: true },
                { left: "\\(", right: "\\)", display: false }
              ],
              throwOnError: false
            });
          });
        });
        </script>
        <style>
        body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #222; }
        .cell { margin: 1rem 0; }
        .prompt { color: #888; font-size: 0.8rem; font-family: monospace; }
        .tag { color: #a60; font-size: 0.8rem; }
        pre { background: #f6f8fa; padding: 0.6rem; overflow-x: auto; border-radius: 4px; white-space: pre-wrap; overflow-wrap: anywhere; }
        pre.source .line { display: block; padding-left: 2.5em; text-indent: -2.5em; }
        pre.output { background: #fff; border-left: 3px solid #ddd; }
        pre.error { background: #fff0f0; border-left: 3px solid #d33; }
        pre.stderr { border-left-color: #d90; }
        table { border-collapse: collapse; }
        td, th { border: 1px solid #ddd; padding: 0.2rem 0.5rem; }
        td { overflow-wrap: anywhere; }
        .markdown table { display: block; max-width: 100%; overflow-x: auto; }
        .katex-display { overflow-x: auto; overflow-y: hidden; padding: 0.2rem 0; }
        .failed { color: #c00; font-weight: bold; }
        nav.nav { display: flex; flex-wrap: wrap; gap: 0.4rem 1.2rem; align-items: baseline; margin: 0.8rem 0; padding: 0.5rem 0; border-bottom: 1px solid #e5e5e5; font-size: 0.95rem; }
        nav.nav .place { color: #666; }
        .lead { font-size: 1.1rem; }
        ol.path { padding-left: 1.4rem; }
        li.stop { display: flex; flex-wrap: wrap; gap: 1rem; margin: 1.2rem 0; align-items: flex-start; }
        .stop-text { flex: 1 1 26rem; min-width: 0; }
        .stop-text h3 { margin: 0 0 0.3rem; }
        .stop-picture { flex: 0 1 22rem; min-width: 16rem; }
        figure.key-picture { margin: 0; }
        figure.key-picture figcaption { font-size: 0.8rem; color: #555; line-height: 1.3; }
        table.errata td, table.status td { vertical-align: top; }
        .output.html, .output.chart { overflow-x: auto; max-width: 100%; }
        .ok { color: #070; }
        </style>
        </head>
        <body>
        {{body}}
        </body>
        </html>
        """;
}
