using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace DeepLinear.Interactive;

/// <summary>
/// The display of Plotly.NET charts, registered once per process with the .NET Interactive Formatter (what the
/// Plotly.NET.Interactive kernel extension does, which our package source lacks): <c>text/html</c> (div +
/// <c>Plotly.newPlot</c>, for HTML exports and the site) and <c>application/vnd.plotly.v1+json</c> (which VS Code
/// and JupyterLab draw natively, offline). The headless runner calls it before formatting anything; in the
/// real kernel, <see cref="Plot"/>'s first use registers it.
/// </summary>
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
