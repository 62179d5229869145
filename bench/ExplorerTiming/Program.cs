// explorer.html's speed as a reader meets it, in headless Chromium against the site served on 127.0.0.1:
//   first result  navigation start -> the first exact solution drawn (the page's data-first-result-ms), cold browser
//                 profile for the first load, then warm reloads;
//   update        a control change -> the landscape and regime redrawn and painted (two animation frames), and the
//                 library's own time for Solve, Critical and the regime map (coarse 20 x 20 while dragging, full
//                 60 x 60 on release), as the page records them.
// Usage: dotnet run -c Release --project bench/ExplorerTiming [-- --loads N --changes N]. Last stdout line is JSON.
using System.Globalization;
using System.Text.Json;
using DeepLinear.Explorer.Tests;

int loads = Option("--loads", 5), changes = Option("--changes", 40);
using var site = new ExplorerSite();
var first = new List<double>();
for (int i = 0; i < loads; i++)
{
    site.Open("depth=4&width=4&noise=1&decay=0.01&signal=1");
    first.Add(Number("document.documentElement.dataset.firstResultMs"));
}
var paint = new List<double>();
var solve = new List<double>();
var coarse = new List<double>();
var full = new List<double>();
var critical = new List<double>();
for (int i = 0; i < changes; i++)
{
    string id = (i % 3) switch { 0 => "signal", 1 => "decay", _ => "depth" };
    string value = id switch
    {
        "signal" => (0.2 * Math.Pow(10, (i % 7) / 6.0)).ToString("R", CultureInfo.InvariantCulture),
        "decay" => (0.001 * Math.Pow(10, (i % 5) / 2.0)).ToString("R", CultureInfo.InvariantCulture),
        _ => (1 + i % 30).ToString(CultureInfo.InvariantCulture),
    };
    // Dragging: an input event, timed to the painted frame; the coarse map follows.
    paint.Add(Number($$"""
        new Promise(function (done) { var c = document.getElementById("{{id}}"); var t0 = performance.now(); c.value = "{{value}}";
          c.dispatchEvent(new Event("input", { bubbles: true }));
          requestAnimationFrame(function () { requestAnimationFrame(function () { done(performance.now() - t0); }); }); })
        """));
    solve.Add(Number("document.documentElement.dataset.solveMs"));
    site.Settle();
    coarse.Add(Number("document.documentElement.dataset.mapMs"));
    critical.Add(Number("document.documentElement.dataset.criticalMs"));
    // Release: a change event, the full map.
    site.Browser.Evaluate($$"""document.getElementById("{{id}}").dispatchEvent(new Event("change", { bubbles: true }))""");
    site.Settle();
    full.Add(Number("document.documentElement.dataset.mapMs"));
}
var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
Console.WriteLine($"first result after navigation: cold {first[0]:0} ms, warm median {Median(first.Skip(1)):0} ms (of {loads - 1})");
Console.WriteLine($"control change to painted landscape and regime: median {Median(paint):0.0} ms, max {paint.Max():0.0} ms (Solve alone: median {Median(solve):0.0} ms)");
Console.WriteLine($"critical values: median {Median(critical):0} ms; regime map 20x20: median {Median(coarse):0} ms; 60x60: median {Median(full):0} ms (load average {load})");
Console.WriteLine(JsonSerializer.Serialize(new
{
    firstResultColdMs = first[0], firstResultWarmMedianMs = Median(first.Skip(1)),
    updatePaintedMedianMs = Median(paint), updatePaintedMaxMs = paint.Max(), solveMedianMs = Median(solve),
    criticalMedianMs = Median(critical), mapCoarseMedianMs = Median(coarse), mapFullMedianMs = Median(full), loadAverage = load,
}));

double Number(string expression) => double.Parse(site.Browser.Evaluate(expression)!.ToString(), CultureInfo.InvariantCulture);

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]);
}

int Option(string name, int fallback)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
