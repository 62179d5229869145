using Plotly.NET;
using Plotly.NET.LayoutObjects;
using Plotly.NET.TraceObjects;
using CSharpChart = Plotly.NET.CSharp.Chart;
using Plotly.NET.CSharp;

namespace DeepLinear.Interactive;

/// <summary>Whether a curve comes from a closed form (drawn as a line) or from an experiment (drawn as markers).</summary>
public enum Source { Theory, Measured }

/// <summary>
/// One curve of a chart: its legend names it and says whether it is theory or measured. Curves of one
/// <paramref name="Group"/> (say the theory line and the measured markers of one depth) share a colour. Measured
/// markers that belong to one run (one seed across depths, say) are <paramref name="Connected"/> by a thin line.
/// </summary>
public sealed record Series(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, Source Source = Source.Theory, bool Dashed = false, string? Group = null, bool Connected = false);

/// <summary>
/// The collection's charts, in one house style: white background, axis titles with units, legends that say
/// "theory" or "measured", theory as lines and measurements as markers. Every notebook cell that draws ends
/// in one of these.
/// </summary>
public static class Plot
{
    static Plot() => ChartFormatting.EnsureRegistered();

    static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2"];

    /// <summary>A theory curve: legend "theory: name"; curves of one <paramref name="group"/> share a colour.</summary>
    public static Series Theory(string name, IEnumerable<double> x, IEnumerable<double> y, bool dashed = false, string? group = null) => new($"theory: {name}", x.ToArray(), y.ToArray(), Source.Theory, dashed, group);

    /// <summary>
    /// A measured curve: legend "measured: name"; curves of one <paramref name="group"/> share a colour;
    /// <paramref name="connected"/> joins the markers of one run with a thin line.
    /// </summary>
    public static Series Measured(string name, IEnumerable<double> x, IEnumerable<double> y, string? group = null, bool connected = false) => new($"measured: {name}", x.ToArray(), y.ToArray(), Source.Measured, Group: group, Connected: connected);

    /// <summary>Curves against one x axis. Titles must carry units (or say "dimensionless").</summary>
    public static GenericChart Lines(string title, string xTitle, string yTitle, IEnumerable<Series> series, bool logX = false, bool logY = false)
    {
        var colorOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var traces = new List<GenericChart>();
        foreach (var s in series)
        {
            string key = s.Group ?? $"\0{traces.Count}";
            if (!colorOf.TryGetValue(key, out var color)) colorOf[key] = color = Palette[colorOf.Count % Palette.Length];
            traces.Add(Trace(s, color));
        }
        if (traces.Count == 0) throw new ArgumentException("a chart needs at least one series", nameof(series));
        return Style(CSharpChart.Combine(traces), title, xTitle, yTitle, logX, logY);
    }

    /// <summary>A heat map of z[i, j] over x[j] (columns) and y[i] (rows), with a titled colour bar.</summary>
    public static GenericChart Heatmap(string title, string xTitle, string yTitle, IReadOnlyList<double> x, IReadOnlyList<double> y, double[,] z, string colorTitle, bool logX = false, bool logY = false)
    {
        var rows = Rows(z, x, y, v => v, nameof(z));
        var colorBar = new ColorBar();
        colorBar.SetProperty("title", Dynamic(("text", colorTitle)));
        var chart = CSharpChart.Heatmap<double, double, double, string>(zData: rows, X: x.ToArray(), Y: y.ToArray(), ColorBar: colorBar);
        return Style(chart, title, xTitle, yTitle, logX, logY);
    }

    /// <summary>
    /// A categorical map (for example the three regimes): a heat map with one colour per category, named on the
    /// colour bar, optionally with analytic boundary curves drawn over it. category[i, j] belongs to (x[j], y[i]).
    /// <paramref name="categories"/> fixes every category's colour, so that charts of one notebook where some
    /// category is absent still colour the others alike (by default the categories present, in name order).
    /// </summary>
    public static GenericChart CategoryMap(string title, string xTitle, string yTitle, IReadOnlyList<double> x, IReadOnlyList<double> y, string[,] category, IEnumerable<Series>? overlays = null, bool logX = false, bool logY = false, IReadOnlyList<string>? categories = null)
    {
        var present = category.Cast<string>().Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList();
        var names = categories?.Distinct().ToList() ?? present;
        if (present.FirstOrDefault(n => !names.Contains(n)) is { } unknown)
            throw new ArgumentException($"category '{unknown}' of the grid is not among the {names.Count} categories given", nameof(categories));
        var index = names.Select((n, k) => (n, k)).ToDictionary(p => p.n, p => p.k);
        var rows = Rows(category, x, y, c => index[c], nameof(category));
        // a stepped colour scale: category k owns the band [k/n, (k+1)/n] of the normalised z range
        int n = names.Count;
        var scale = Enumerable.Range(0, n).SelectMany(k => new[]
        {
            Tuple.Create(n == 1 ? 0.0 : (double)k / n, Color.fromString(CategoryColors[k % CategoryColors.Length])),
            Tuple.Create(n == 1 ? 1.0 : (double)(k + 1) / n, Color.fromString(CategoryColors[k % CategoryColors.Length])),
        });
        var colorBar = new ColorBar();
        colorBar.SetProperty("tickvals", Enumerable.Range(0, n).Select(k => n == 1 ? 0.0 : (k + 0.5) * (n - 1.0) / n).ToArray());
        colorBar.SetProperty("ticktext", names.ToArray());
        colorBar.SetProperty("title", Dynamic(("text", "computed")));
        var map = CSharpChart.Heatmap<double, double, double, string>(zData: rows, X: x.ToArray(), Y: y.ToArray(), Name: "computed regimes",
            ColorScale: StyleParam.Colorscale.NewCustom(scale), ColorBar: colorBar, ShowScale: true);
        // the scale spans every category, present or not, so that category k is drawn in band k on every map
        foreach (var trace in GenericChart.getTraces(map))
        {
            trace.SetProperty("zmin", 0.0);
            trace.SetProperty("zmax", Math.Max(1.0, n - 1.0));
        }
        var traces = new List<GenericChart> { map };
        var overlayList = (overlays ?? []).ToList();
        for (int k = 0; k < overlayList.Count; k++) traces.Add(Trace(overlayList[k], OverlayColors[k % OverlayColors.Length]));
        return Style(CSharpChart.Combine(traces), title, xTitle, yTitle, logX, logY, Extent(x, logX), Extent(y, logY));
    }

    /// <summary>
    /// The axis range covering a grid's cells, centres <paramref name="centres"/> ± half a step (in log10 units on a
    /// log axis, as plotly takes ranges there), so that overlay curves running past the grid are clipped at its edge
    /// instead of widening the axis into an empty strip.
    /// </summary>
    static Tuple<double, double> Extent(IReadOnlyList<double> centres, bool log)
    {
        var v = centres.Select(c => log ? Math.Log10(c) : c).ToArray();
        double low = v.Min(), high = v.Max();
        double half = v.Length > 1 ? (high - low) / (v.Length - 1) / 2 : 0.5;
        return Tuple.Create(low - half, high + half);
    }

    /// <summary>The rows of a grid whose entry [i, j] belongs to (x[j], y[i]), as Plotly's heat maps take them.</summary>
    static double[][] Rows<T>(T[,] grid, IReadOnlyList<double> x, IReadOnlyList<double> y, Func<T, double> value, string name)
    {
        if (grid.GetLength(0) != y.Count || grid.GetLength(1) != x.Count)
            throw new ArgumentException($"{name} must be {y.Count} x {x.Count} (rows follow y, columns follow x), got {grid.GetLength(0)} x {grid.GetLength(1)}", name);
        return Enumerable.Range(0, y.Count).Select(i => Enumerable.Range(0, x.Count).Select(j => value(grid[i, j])).ToArray()).ToArray();
    }

    static readonly string[] CategoryColors = ["#9ecae1", "#fdae6b", "#d9d9d9", "#a1d99b", "#bcbddc"];
    static readonly string[] OverlayColors = ["#08306b", "#a63603", "#000000", "#00441b"];

    static GenericChart Trace(Series s, string color)
    {
        if (s.X.Count != s.Y.Count) throw new ArgumentException($"series '{s.Name}' has {s.X.Count} x values but {s.Y.Count} y values");
        return s.Source == Source.Theory
            ? CSharpChart.Line<double, double, string>(s.X, s.Y, Name: s.Name, LineColor: Color.fromString(color), LineWidth: 2.5, LineDash: s.Dashed ? StyleParam.DrawingStyle.Dash : StyleParam.DrawingStyle.Solid)
            : s.Connected
                ? CSharpChart.Line<double, double, string>(s.X, s.Y, Name: s.Name, ShowMarkers: true, LineColor: Color.fromString(color), LineWidth: 1, MarkerColor: Color.fromString(color), MarkerSymbol: StyleParam.MarkerSymbol.Circle, Opacity: 0.85)
                : CSharpChart.Point<double, double, string>(s.X, s.Y, Name: s.Name, MarkerColor: Color.fromString(color), MarkerSymbol: StyleParam.MarkerSymbol.Circle, Opacity: 0.85);
    }

    static GenericChart Style(GenericChart chart, string title, string xTitle, string yTitle, bool logX, bool logY, Tuple<double, double>? xRange = null, Tuple<double, double>? yRange = null)
    {
        var layout = new Layout();
        layout.SetProperty("font", Dynamic(("family", "Arial, sans-serif"), ("size", 13)));
        layout.SetProperty("plot_bgcolor", "white");
        layout.SetProperty("paper_bgcolor", "white");
        // No fixed width: the chart fills its container (the page column on the site, the output area in VS Code),
        // and the legend sits below the plot, so long "theory: …" / "measured: …" names never squeeze the plot area.
        // Plotly.NET writes a default width of 600 unless the layout names one; null tells plotly.js to autosize.
        layout.SetProperty("width", null!);
        layout.SetProperty("height", 480);
        layout.SetProperty("legend", Dynamic(("bgcolor", "rgba(255,255,255,0.8)"), ("orientation", "h"), ("x", 0.0), ("xanchor", "left"), ("y", -0.22), ("yanchor", "top")));
        chart = Plotly.NET.Chart.withLayout(layout).Invoke(chart);
        chart = Plotly.NET.Chart.withTitle(title, null).Invoke(chart);
        chart = chart
            .WithXAxisStyle<double, double, string>(TitleText: xTitle, AxisType: logX ? StyleParam.AxisType.Log : StyleParam.AxisType.Linear, MinMax: AxisRange(xRange), ShowGrid: true, GridColor: Color.fromString("#e5e5e5"), ZeroLine: false, ShowLine: true, LineColor: Color.fromString("#444444"))
            .WithYAxisStyle<double, double, string>(TitleText: yTitle, AxisType: logY ? StyleParam.AxisType.Log : StyleParam.AxisType.Linear, MinMax: AxisRange(yRange), ShowGrid: true, GridColor: Color.fromString("#e5e5e5"), ZeroLine: false, ShowLine: true, LineColor: Color.fromString("#444444"));
        PowersOfTen(chart);
        return chart;
    }

    /// <summary>
    /// Tick labels as powers of ten (10⁻⁴) instead of plotly's default SI prefixes (100µ, 10k), which read as units
    /// on the dimensionless axes of the collection.
    /// </summary>
    static void PowersOfTen(GenericChart chart)
    {
        var layout = GenericChart.getLayout(chart);
        foreach (var axis in new[] { "xaxis", "yaxis" })
            if (layout.TryGetPropertyValue(axis) is { } value && value.Value is DynamicObj.DynamicObj style) style.SetProperty("exponentformat", "power");
    }

    static Optional<Tuple<double, double>> AxisRange(Tuple<double, double>? range) => range is null ? default : new Optional<Tuple<double, double>>(range, true);

    static DynamicObj.DynamicObj Dynamic(params (string Name, object Value)[] properties)
    {
        var value = new DynamicObj.DynamicObj();
        foreach (var (name, v) in properties) value.SetProperty(name, v);
        return value;
    }
}
