using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace DeepLinear.Interactive;

/// <summary>
/// The display of Plotly.NET charts, registered once per process with the .NET Interactive Formatter:
/// <c>text/html</c> (div + <c>Plotly.newPlot</c>, for HTML exports and the site) and
/// <c>application/vnd.plotly.v1+json</c> (which VS Code and JupyterLab draw natively, offline). Plotly.NET.Interactive
/// would register <c>text/html</c> only, loading plotly.js from a CDN. In the real kernel <see cref="DeepLinear.KernelExtension.KernelExtension"/>
/// registers it as soon as Plotly.NET loads, so a chart displays even before any DeepLinear type is used; the
/// headless runner calls it before formatting anything, and <c>Plot</c>'s first use registers it in any other host.
/// </summary>
/// <remarks>
/// It lives in the kernel extension's assembly, which the extension package carries alone, and keeps the
/// <c>DeepLinear.Interactive</c> namespace where notebooks and the runner have always found it.
/// </remarks>
public static class ChartFormatting
{
    /// <summary>The MIME type of a Plotly figure.</summary>
    public const string PlotlyMime = "application/vnd.plotly.v1+json";

    static readonly object Gate = new();

    /// <summary>
    /// Registers the formatters unless they are in place; called before every formatting, so a notebook's
    /// <see cref="Formatter.ResetToDefault"/> does not lose charts for the rest of the run.
    /// </summary>
    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (Formatter.GetPreferredMimeTypesFor(typeof(GenericChart)).Contains(PlotlyMime)) return;
            Formatter.Register<GenericChart>((chart, writer) => writer.Write(GenericChart.toChartHTML(chart)), "text/html");
            Formatter.Register<GenericChart>((chart, writer) => writer.Write(GenericChart.toFigureJson(chart)), PlotlyMime);
            Formatter.Register<GenericChart>((chart, writer) => writer.Write(PlainText(chart)), "text/plain");
            Formatter.SetPreferredMimeTypesFor(typeof(GenericChart), "text/html", PlotlyMime);
        }
    }

    /// <summary>The text form of a chart: its title and trace count, instead of a dump of the F# object graph.</summary>
    static string PlainText(GenericChart chart)
    {
        var layout = GenericChart.getLayout(chart);
        string title = layout.TryGetPropertyValue("title") is { } t && t.Value is DynamicObj.DynamicObj d && d.TryGetPropertyValue("text") is { } text ? $" \"{text.Value}\"" : "";
        return $"Plotly chart{title} with {GenericChart.getTraces(chart).Length} trace(s)";
    }
}
