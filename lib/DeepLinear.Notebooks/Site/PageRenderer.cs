using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DeepLinear.Notebooks.Ipynb;

namespace DeepLinear.Notebooks.Site;

/// <summary>
/// Renders an executed notebook as one static HTML page: markdown (math left for KaTeX), code, and outputs
/// (HTML, images, text, errors). A chart with a Plotly figure (<c>application/vnd.plotly.v1+json</c>) is drawn from
/// that figure by the page's own plotly.js, so it draws offline whatever HTML the kernel extension that made it chose
/// (Plotly.NET.Interactive's loads plotly.js from a CDN).
/// </summary>
public static class PageRenderer
{
    /// <summary>The notebook's title: the first <c># heading</c> of a markdown cell, else <paramref name="fallback"/>.</summary>
    public static string Title(Notebook notebook, string fallback) =>
        notebook.Cells.Where(c => c.CellType == "markdown" || CellLanguage.MagicKernel(c.Source) is "markdown" or "md")
            .SelectMany(c => StripMagic(c.Source).Split('\n'))
            .Select(l => l.Trim())
            .FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim() ?? fallback;

    /// <summary>The page for <paramref name="notebook"/>; <paramref name="assetsPrefix"/> is the relative path to the site root.</summary>
    public static string Render(Notebook notebook, string title, string assetsPrefix = "")
    {
        var body = new StringBuilder();
        body.Append("<p class=\"nav\"><a href=\"").Append(assetsPrefix).Append("index.html\">All notebooks</a></p>\n");
        var charts = 0;
        foreach (var cell in notebook.Cells)
            body.Append(RenderCell(cell, notebook.DefaultKernelName, ref charts));
        return Layout.Page(title, body.ToString(), assetsPrefix);
    }

    static string RenderCell(NotebookCell cell, string defaultKernel, ref int charts)
    {
        var role = cell.CellType == "code" ? CellLanguage.MagicKernel(cell.Source) ?? cell.PolyglotKernelName ?? defaultKernel : cell.CellType;
        if (role is "markdown" or "md")
            return $"<div class=\"cell markdown\">\n{MarkdownHtml.ToHtml(StripMagic(cell.Source))}</div>\n";
        if (cell.CellType == "raw")
            return $"<div class=\"cell raw\"><pre>{Encode(cell.Source)}</pre></div>\n";
        var html = new StringBuilder("<div class=\"cell code\">\n");
        var count = cell.Json["execution_count"]?.GetValue<int?>();
        html.Append("<div class=\"prompt\">In [").Append(count?.ToString() ?? " ").Append("]:</div>");
        if (cell.Tags.Contains("injected-parameters")) html.Append("<div class=\"tag\">injected parameters</div>");
        html.Append("<pre class=\"source\"><code class=\"language-csharp\">").Append(Encode(StripMagic(cell.Source))).Append("</code></pre>\n");
        foreach (var output in cell.Outputs) html.Append(RenderOutput(output, ref charts));
        return html.Append("</div>\n").ToString();
    }

    static string RenderOutput(JsonObject output, ref int charts)
    {
        switch (output["output_type"]?.GetValue<string>())
        {
            case "stream":
                var name = output["name"]?.GetValue<string>() ?? "stdout";
                return $"<pre class=\"output stream {name}\">{Encode(Text(output["text"]))}</pre>\n";
            case "error":
                var traceback = (output["traceback"] as JsonArray)?.Select(t => t?.GetValue<string>()) ?? [];
                return $"<pre class=\"output error\">{Encode(string.Join("\n", traceback))}</pre>\n";
            case "display_data" or "execute_result":
                var data = output["data"] as JsonObject ?? [];
                if (Figure(data[PlotlyMime]) is { } figure) return Chart(figure, ++charts);
                if (data["text/html"] is { } h) return $"<div class=\"output html\">{Text(h)}</div>\n";
                if (data["image/svg+xml"] is { } svg) return $"<div class=\"output svg\">{Text(svg)}</div>\n";
                if (data["image/png"] is { } png) return $"<div class=\"output image\"><img src=\"data:image/png;base64,{Text(png).Trim()}\"></div>\n";
                if (data["text/markdown"] is { } md) return $"<div class=\"output markdown\">{MarkdownHtml.ToHtml(Text(md))}</div>\n";
                if (data["text/plain"] is { } plain) return $"<pre class=\"output text\">{Encode(Text(plain))}</pre>\n";
                return "";
            default:
                return "";
        }
    }

    /// <summary>The MIME type of a Plotly figure (<c>{data, layout, config}</c>), as plotly.py and DeepLinear.Interactive write it.</summary>
    public const string PlotlyMime = "application/vnd.plotly.v1+json";

    /// <summary>
    /// The Plotly figure of an output: a JSON object as nbformat stores JSON data, or the JSON text the .NET kernel sends
    /// (it parses only <c>application/json</c>, so other <c>+json</c> data arrives as a string); null if it is neither.
    /// </summary>
    public static JsonObject? Figure(JsonNode? data)
    {
        if (data is JsonObject figure) return figure;
        if (data is null or JsonObject) return null;
        try
        {
            return JsonNode.Parse(Text(data)) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>A div and the script that draws <paramref name="figure"/> into it with the page's plotly.js.</summary>
    static string Chart(JsonObject figure, int number)
    {
        var id = $"chart-{number}";
        var json = figure.ToJsonString().Replace("</", "<\\/", StringComparison.Ordinal);
        return $"<div class=\"output chart\"><div id=\"{id}\"></div><script>(function () {{ var f = {json}; Plotly.newPlot(\"{id}\", f.data || [], f.layout || {{}}, f.config || {{}}); }})();</script></div>\n";
    }

    /// <summary>nbformat text: a string or a list of lines.</summary>
    static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>())),
        JsonValue v => v.GetValue<string>(),
        _ => "",
    };

    static string StripMagic(string source) =>
        CellLanguage.MagicKernel(source) is null ? source : (source.Split('\n', 2) is [_, var rest] ? rest : "");

    static string Encode(string text) => WebUtility.HtmlEncode(text);
}
