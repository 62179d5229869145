using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace DeepLinear.Notebooks.Site;

/// <summary>
/// Markdown to HTML as Jupyter front ends show it: CommonMark plus tables etc., and math left for KaTeX.
/// As in Jupyter, <c>$$...$$</c> is display math even inside a paragraph (Markdig alone would make it inline).
/// </summary>
public static class MarkdownHtml
{
    static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseMathematics().UseAdvancedExtensions().Build();

    /// <summary>The HTML for <paramref name="markdown"/>.</summary>
    public static string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.ObjectRenderers.ReplaceOrAdd<HtmlMathInlineRenderer>(new JupyterMathInlineRenderer());
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    sealed class JupyterMathInlineRenderer : HtmlObjectRenderer<MathInline>
    {
        protected override void Write(HtmlRenderer renderer, MathInline math)
        {
            var display = math.DelimiterCount >= 2;
            renderer.Write("<span class=\"math\">").Write(display ? "\\[" : "\\(")
                .WriteEscape(math.Content.ToString()).Write(display ? "\\]" : "\\)").Write("</span>");
        }
    }
}
