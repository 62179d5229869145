using System.Net;
using System.Text;
using DeepLinear.Notebooks.Execution;
using DeepLinear.Notebooks.Ipynb;

namespace DeepLinear.Notebooks.Site;

/// <summary>
/// Writes the run's output folder: each executed notebook as <c>NAME.ipynb</c> and <c>NAME.html</c>, the shared
/// <c>assets/</c>, the landing page <c>index.html</c> (the paper, the question, the reading path with each notebook's
/// key picture, how to run them, the run status), <c>errata.html</c> (generated from the core's
/// <see cref="DeepLinear.PaperErrata"/>) and <c>derivation.html</c> (the repository's docs/derivation.md) and <c>explorer.html</c> (<see cref="ExplorerPage"/>).
/// </summary>
public static class SiteWriter
{
    /// <summary>Writes executed notebook and page for one result; returns the page path.</summary>
    public static string WriteNotebook(string outputFolder, NotebookResult result, ReadingPath? path = null)
    {
        var name = Path.GetFileNameWithoutExtension(result.Path);
        result.Executed.Save(Path.Combine(outputFolder, name + ".ipynb"));
        var page = Path.Combine(outputFolder, name + ".html");
        File.WriteAllText(page, PageRenderer.Render(result.Executed, PageRenderer.Title(result.Executed, name), path: path));
        return page;
    }

    /// <summary>
    /// Writes <c>assets/</c>, the landing page, the errata page and, when <paramref name="repositoryRoot"/> has
    /// docs/derivation.md, the derivation page.
    /// </summary>
    public static void WriteIndex(string outputFolder, IReadOnlyList<NotebookResult> results, ReadingPath? path = null, string? repositoryRoot = null)
    {
        SiteAssets.Write(outputFolder);
        var derivation = repositoryRoot is null ? null : Path.Combine(repositoryRoot, "docs", "derivation.md");
        bool hasDerivation = derivation is not null && File.Exists(derivation);
        File.WriteAllText(Path.Combine(outputFolder, "index.html"), Layout.Page("DeepLinear: exact solutions of a deep linear network", Landing.Body(results, path, hasDerivation), ""));
        ExplorerPage.Write(outputFolder, repositoryRoot, results.Select(r => Path.GetFileNameWithoutExtension(r.Path)).ToArray());
        File.WriteAllText(Path.Combine(outputFolder, "errata.html"), Layout.Page("Where the papers' print and brute force part", ErrataPage(), ""));
        if (hasDerivation)
            File.WriteAllText(Path.Combine(outputFolder, "derivation.html"), Layout.Page("The exact landscape in one variable",
                HomeLink + "<div class=\"markdown\">" + MarkdownHtml.ToHtml(File.ReadAllText(derivation!)) + "</div>", ""));
    }

    /// <summary>The status table of a run, the landing page's last section.</summary>
    internal static string StatusTable(IReadOnlyList<NotebookResult> results)
    {
        var body = new StringBuilder("<table class=\"status\">\n<tr><th>Notebook</th><th>Cells run</th><th>Seconds</th><th>Status</th><th>Executed .ipynb</th></tr>\n");
        foreach (var r in results)
        {
            var name = Encode(Path.GetFileNameWithoutExtension(r.Path));
            var status = r.Succeeded
                ? "<span class=\"ok\">ok</span>"
                : $"<span class=\"failed\">failed</span> <pre>{Encode(r.Failure!.Report)}</pre>";
            body.Append($"<tr><td><a href=\"{name}.html\">{name}</a></td><td>{r.ExecutedCells}/{r.CodeCells}</td><td>{r.Elapsed.TotalSeconds:0.0}</td><td>{status}</td><td><a href=\"{name}.ipynb\" download>{name}.ipynb</a></td></tr>\n");
        }
        return body.Append("</table>\n").ToString();
    }

    static string ErrataPage()
    {
        var body = new StringBuilder(HomeLink + "<h1>Where the papers' print and brute force part</h1>\n");
        body.Append("<p>Every closed form of the papers is tested against brute-force minimisation of the full expected loss over all weights, ")
            .Append("or against an exact limit. Where the print disagrees, the library implements the verified form. This page is generated from ")
            .Append("the library's own records (<code>PaperErrata</code>); each row links the notebook cell that shows it.</p>\n");
        body.Append("<table class=\"errata\">\n<tr><th>Paper</th><th>Where</th><th>As printed</th><th>What holds</th><th>Implemented by</th><th>Shown in</th></tr>\n");
        foreach (var e in DeepLinear.PaperErrata.All)
        {
            var notebook = Path.GetFileNameWithoutExtension(e.Notebook);
            body.Append($"<tr><td>{Encode(e.Paper)}</td><td>{Encode(e.Location)}</td><td>{Encode(e.Printed)}</td><td>{Encode(e.Verified)}</td><td><code>{Encode(e.Implementation)}</code></td>")
                .Append($"<td><a href=\"{Encode(notebook)}.html#{Encode(e.CellId)}\">{Encode(notebook)}, {Encode(e.CellId)}</a></td></tr>\n");
        }
        return body.Append("</table>\n").ToString();
    }

    /// <summary>The navigation of the pages that are not notebooks: a link back to the landing page.</summary>
    const string HomeLink = "<nav class=\"nav\"><a href=\"index.html\">DeepLinear home</a></nav>\n";

    static string Encode(string text) => WebUtility.HtmlEncode(text);
}
