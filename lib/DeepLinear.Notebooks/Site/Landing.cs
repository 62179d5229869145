using System.Net;
using System.Text;
using DeepLinear.Notebooks.Execution;
using DeepLinear.Notebooks.Ipynb;

namespace DeepLinear.Notebooks.Site;

/// <summary>
/// The landing page: what the project is and which paper it follows, the question in two paragraphs, the reading
/// path (each notebook's title, the line naming what of the paper it covers, its opening sentences and its first
/// chart, drawn small), how to run the notebooks, and the run's status as the last, secondary section.
/// </summary>
static class Landing
{
    const string Paper = "https://arxiv.org/abs/2202.04777";

    public static string Body(IReadOnlyList<NotebookResult> results, ReadingPath? path, bool hasDerivation)
    {
        var html = new StringBuilder();
        html.Append("""
            <h1>DeepLinear</h1>
            <p class="lead">A teaching and research companion for one result in deep-learning theory: the exact global minima of a
            deep linear network with weight decay and stochastic neurons, from <a href="
            """).Append(Paper).Append("""
            ">Liu Ziyin, Botao Li and Xiangming Meng, <em>Exact Solutions of a Deep Linear Network</em>, NeurIPS 2022</a>.
            Each notebook derives a part of the paper, computes it exactly, trains networks and checks that theory and training agree.</p>
            <h2>The question</h2>
            <p>A deep linear network computes nothing a linear regressor cannot, so its loss landscape is often taken as a
            harmless model of a real network's. With weight decay and noisy hidden units (dropout) that changes: the best network
            can be the zero network even when the data carry a signal, and with two or more hidden layers zero is always a local
            minimum, a trap that an initialisation which starts too close cannot leave.</p>
            <p>The paper finds every global minimum of such a network exactly: it reduces the loss over all weights to a function
            of one number, the network's end-to-end scale, and reads off when the network learns, when zero wins, and how depth,
            width, noise and weight decay move that boundary. The notebooks follow it section by section, and go beyond it with
            nonlinear networks, real data and two companion papers. Where the paper's printed formulas and brute-force
            minimisation disagree, brute force wins:
            """);
        html.Append(" <a href=\"errata.html\">the errata</a> list each place");
        if (hasDerivation) html.Append(", and <a href=\"derivation.html\">the derivation</a> gives the reduction the library implements");
        html.Append(".</p>\n<p>The <a href=\"explorer.html\">explorer</a> runs the exact solver in your browser: change depth, widths, noise, decay or signal and watch the landscape and the regime follow.</p>\n");
        html.Append("<h2>Reading path</h2>\n<ol class=\"path\">\n");
        var ordered = path is null ? results : results.OrderBy(r => path.Around(Path.GetFileNameWithoutExtension(r.Path)).Position).ToList();
        for (int i = 0; i < ordered.Count; i++)
        {
            var r = ordered[i];
            var name = Path.GetFileNameWithoutExtension(r.Path);
            var (coverage, opening) = Opening(r.Executed);
            html.Append("<li class=\"stop\"><div class=\"stop-text markdown\">")
                .Append($"<h3><a href=\"{Encode(name)}.html\">{Encode(PageRenderer.Title(r.Executed, name))}</a></h3>")
                .Append(MarkdownHtml.ToHtml(coverage)).Append(MarkdownHtml.ToHtml(opening))
                .Append("</div>");
            if (PageRenderer.Thumbnail(r.Executed, $"key-{i + 1}") is { } picture) html.Append("<div class=\"stop-picture\">").Append(picture).Append("</div>");
            html.Append("</li>\n");
        }
        html.Append("</ol>\n");
        html.Append("""
            <h2>How to run them</h2>
            <ul>
            <li><strong>GitHub Codespaces</strong>: open the repository in a codespace (its <code>.devcontainer/</code> restores the pinned kernel and builds
            the libraries); open a notebook, pick the <em>.NET (C#)</em> kernel, run all.</li>
            <li><strong>VS Code</strong>: with the Jupyter extension, point it at the repository's kernelspec (<code>JUPYTER_PATH=&lt;repo&gt;/.jupyter</code>)
            after <code>scripts/setup.sh</code> and <code>dotnet build DeepLinear.sln -c Release</code>.</li>
            <li><strong>Jupyter</strong>: <code>JUPYTER_PATH=&lt;repo&gt;/.jupyter jupyter lab</code> runs them in the same pinned kernel.</li>
            <li><strong>Headless</strong>: <code>./deeplinear run</code> executes every notebook and writes this site; <code>./test.sh</code> runs every test.</li>
            </ul>
            <p>Each notebook starts with one setup cell and one <code>parameters</code> cell: change a parameter and run all.
            Every page offers its executed notebook for download.</p>
            <h2>This run</h2>
            """);
        html.Append(SiteWriter.StatusTable(ordered));
        return html.ToString();
    }

    /// <summary>
    /// The notebook's coverage line (the paragraph after its title) and its opening: the next paragraph, cut after
    /// two sentences.
    /// </summary>
    static (string Coverage, string Opening) Opening(Notebook notebook)
    {
        var first = notebook.Cells.FirstOrDefault(c => c.CellType == "markdown");
        if (first is null) return ("", "");
        var paragraphs = first.Source.Replace("\r", "").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(p => !p.StartsWith("# ", StringComparison.Ordinal)).ToList();
        string coverage = paragraphs.ElementAtOrDefault(0) ?? "";
        string opening = paragraphs.ElementAtOrDefault(1) ?? "";
        int cut = -1;
        for (int sentences = 0, at = 0; sentences < 2; sentences++)
        {
            at = opening.IndexOf(". ", at, StringComparison.Ordinal);
            if (at < 0) { cut = -1; break; }
            cut = ++at;
        }
        return (coverage, cut > 0 ? opening[..cut].Trim() : opening);
    }

    static string Encode(string text) => WebUtility.HtmlEncode(text);
}
