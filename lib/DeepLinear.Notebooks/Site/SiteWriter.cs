using System.Net;
using System.Text;
using DeepLinear.Notebooks.Execution;

namespace DeepLinear.Notebooks.Site;

/// <summary>
/// Writes the run's output folder: each executed notebook as <c>NAME.ipynb</c> and <c>NAME.html</c>, the shared
/// <c>assets/</c>, and <c>index.html</c> listing every notebook with its status.
/// </summary>
public static class SiteWriter
{
    /// <summary>Writes executed notebook and page for one result; returns the page path.</summary>
    public static string WriteNotebook(string outputFolder, NotebookResult result)
    {
        var name = Path.GetFileNameWithoutExtension(result.Path);
        result.Executed.Save(Path.Combine(outputFolder, name + ".ipynb"));
        var page = Path.Combine(outputFolder, name + ".html");
        File.WriteAllText(page, PageRenderer.Render(result.Executed, PageRenderer.Title(result.Executed, name)));
        return page;
    }

    /// <summary>Writes <c>assets/</c> and <c>index.html</c> for <paramref name="results"/>.</summary>
    public static void WriteIndex(string outputFolder, IReadOnlyList<NotebookResult> results)
    {
        SiteAssets.Write(outputFolder);
        var body = new StringBuilder("<h1>Notebooks</h1>\n<table>\n<tr><th>Notebook</th><th>Title</th><th>Cells run</th><th>Seconds</th><th>Status</th><th>Executed .ipynb</th></tr>\n");
        foreach (var r in results)
        {
            var name = WebUtility.HtmlEncode(Path.GetFileNameWithoutExtension(r.Path));
            var title = WebUtility.HtmlEncode(PageRenderer.Title(r.Executed, Path.GetFileNameWithoutExtension(r.Path)));
            var status = r.Succeeded
                ? "<span class=\"ok\">ok</span>"
                : $"<span class=\"failed\">failed</span> <pre>{WebUtility.HtmlEncode(r.Failure!.Report)}</pre>";
            body.Append($"<tr><td><a href=\"{name}.html\">{name}</a></td><td>{title}</td><td>{r.ExecutedCells}/{r.CodeCells}</td><td>{r.Elapsed.TotalSeconds:0.0}</td><td>{status}</td><td><a href=\"{name}.ipynb\">{name}.ipynb</a></td></tr>\n");
        }
        body.Append("</table>\n");
        File.WriteAllText(Path.Combine(outputFolder, "index.html"), Layout.Page("Notebooks", body.ToString(), ""));
    }
}
