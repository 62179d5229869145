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

    /// <summary>
    /// The page for <paramref name="notebook"/>; <paramref name="assetsPrefix"/> is the relative path to the site root.
    /// With a <paramref name="path"/>, the page says where it stands in the reading path, links the previous and next
    /// notebooks, its executed .ipynb and the repository in Codespaces, above and below the notebook.
    /// </summary>
    public static string Render(Notebook notebook, string title, string assetsPrefix = "", ReadingPath? path = null)
    {
        var name = System.IO.Path.GetFileNameWithoutExtension(notebook.Path);
        var navigation = Navigation(name, path, assetsPrefix);
        var body = new StringBuilder(navigation);
        var charts = 0;
        foreach (var cell in notebook.Cells)
            body.Append(RenderCell(cell, notebook.DefaultKernelName, ref charts));
        body.Append(navigation);
        return Layout.Page(title, body.ToString(), assetsPrefix);
    }

    static string Navigation(string name, ReadingPath? path, string prefix)
    {
        var nav = new StringBuilder("<nav class=\"nav\">");
        nav.Append($"<a href=\"{prefix}index.html\">DeepLinear home</a>");
        if (path is not null)
        {
            var (previous, next, position) = path.Around(name);
            if (position > 0) nav.Append($"<span class=\"place\">notebook {position} of {path.Stops.Count}</span>");
            if (previous is not null) nav.Append($"<a rel=\"prev\" href=\"{prefix}{Encode(previous.Name)}.html\">← {Encode(previous.Title)}</a>");
            if (next is not null) nav.Append($"<a rel=\"next\" href=\"{prefix}{Encode(next.Name)}.html\">{Encode(next.Title)} →</a>");
            nav.Append($"<a class=\"download\" href=\"{prefix}{Encode(name)}.ipynb\" download>executed {Encode(name)}.ipynb</a>");
            if (ExplorerPresets.Query(name) is { } preset) nav.Append($"<a class=\"explorer\" href=\"{prefix}{ExplorerPage.FileName}?{Encode(preset)}\">explore this setting live</a>");
            if (path.CodespacesUrl is { } codespaces) nav.Append($"<a class=\"codespaces\" href=\"{Encode(codespaces)}\">open in Codespaces</a>");
        }
        return nav.Append("</nav>\n").ToString();
    }

    static string RenderCell(NotebookCell cell, string defaultKernel, ref int charts)
    {
        var role = cell.CellType == "code" ? CellLanguage.MagicKernel(cell.Source) ?? cell.PolyglotKernelName ?? defaultKernel : cell.CellType;
        if (role is "markdown" or "md")
            return $"<div class=\"cell markdown\"{Anchor(cell)}>\n{MarkdownHtml.ToHtml(StripMagic(cell.Source))}</div>\n";
        if (cell.CellType == "raw")
            return $"<div class=\"cell raw\"><pre>{Encode(cell.Source)}</pre></div>\n";
        var html = new StringBuilder($"<div class=\"cell code\"{Anchor(cell)}>\n");
        var count = cell.Json["execution_count"]?.GetValue<int?>();
        html.Append("<div class=\"prompt\">In [").Append(count?.ToString() ?? " ").Append("]:</div>");
        if (cell.Tags.Contains("injected-parameters")) html.Append("<div class=\"tag\">injected parameters</div>");
        html.Append("<pre class=\"source\"><code class=\"language-csharp\">").Append(SourceLines(StripMagic(cell.Source))).Append("</code></pre>\n");
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

    /// <summary>
    /// The notebook's key picture for the landing page: its first chart, redrawn small and static (no legend, colour
    /// bar or tool bar), with its title and axis titles as a caption below, where they wrap instead of being cut at
    /// the picture's edge; or null when it draws none.
    /// </summary>
    public static string? Thumbnail(Notebook notebook, string id)
    {
        var figure = notebook.Cells.SelectMany(c => c.Outputs).Select(o => Figure((o["data"] as JsonObject)?[PlotlyMime])).FirstOrDefault(f => f is not null);
        if (figure is null) return null;
        var small = (JsonObject)figure.DeepClone();
        var layout = small["layout"] as JsonObject ?? (JsonObject)(small["layout"] = new JsonObject());
        var caption = new StringBuilder(Encode(TitleText(layout["title"])));
        var axes = new[] { ("x", "xaxis"), ("y", "yaxis") }.Select(a => (a.Item1, Text: TitleText((layout[a.Item2] as JsonObject)?["title"]))).Where(a => a.Text.Length > 0).ToList();
        if (axes.Count > 0) caption.Append(caption.Length > 0 ? "; " : "").Append(string.Join(", ", axes.Select(a => $"{a.Item1}: {Encode(a.Text)}")));
        layout["height"] = 220;
        layout["width"] = null;
        layout["showlegend"] = false;
        layout["title"] = null;
        foreach (var axis in new[] { "xaxis", "yaxis" })
            if (layout[axis] is JsonObject style) style["title"] = null;
        foreach (var map in (small["data"] as JsonArray ?? []).OfType<JsonObject>().Where(t => t["type"]?.GetValue<string>() == "heatmap")) map["showscale"] = false;
        layout["margin"] = new JsonObject { ["l"] = 45, ["r"] = 10, ["t"] = 10, ["b"] = 30 };
        small["config"] = new JsonObject { ["staticPlot"] = true, ["responsive"] = true };
        return "<figure class=\"key-picture\">" + Chart(small, id) + $"<figcaption>{caption}</figcaption></figure>";
    }

    /// <summary>The text of a Plotly title: a string, or an object with a <c>text</c>.</summary>
    static string TitleText(JsonNode? title) => title switch
    {
        JsonObject o => o["text"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : "",
        JsonValue v => v.TryGetValue<string>(out var text) ? text : "",
        _ => "",
    };

    static string Chart(JsonObject figure, int number) => Chart(figure, $"chart-{number}");

    /// <summary>A div and the script that draws <paramref name="figure"/> into it with the page's plotly.js.</summary>
    static string Chart(JsonObject figure, string id)
    {
        var json = figure.ToJsonString().Replace("</", "<\\/", StringComparison.Ordinal);
        return $"<div class=\"output chart\"><div id=\"{id}\"></div><script>(function () {{ var f = {json}; Plotly.newPlot(\"{id}\", f.data || [], f.layout || {{}}, f.config || {{}}); }})();</script></div>\n";
    }

    /// <summary>
    /// Code as one block per line, so that a line too long for the page wraps with its continuation indented under
    /// it (the site's style sheet) instead of running off the page or back to the left edge.
    /// </summary>
    static string SourceLines(string source) =>
        string.Concat(source.Replace("\r", "").Split('\n').Select(line => $"<span class=\"line\">{(line.Length == 0 ? " " : Encode(line))}</span>"));

    /// <summary>nbformat text: a string or a list of lines.</summary>
    static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>())),
        JsonValue v => v.GetValue<string>(),
        _ => "",
    };

    static string StripMagic(string source) =>
        CellLanguage.MagicKernel(source) is null ? source : (source.Split('\n', 2) is [_, var rest] ? rest : "");

    /// <summary>The cell's nbformat id as the element's id, so a link such as <c>page.html#cell-13</c> lands on it.</summary>
    static string Anchor(NotebookCell cell) =>
        cell.Json["id"]?.GetValue<string>() is { Length: > 0 } id ? $" id=\"{Encode(id)}\"" : "";

    static string Encode(string text) => WebUtility.HtmlEncode(text);
}
