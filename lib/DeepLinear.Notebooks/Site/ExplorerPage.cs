using System.Net;
using System.Text;

namespace DeepLinear.Notebooks.Site;

/// <summary>
/// <c>explorer.html</c>: the exact solver in the reader's browser. Its controls describe a problem, its script
/// (<c>assets/explorer.js</c>, embedded in this assembly) hands it to lib/DeepLinear.Explorer, the core compiled to
/// WebAssembly, whose published files are copied into <c>explorer/</c>. WebAssembly modules do not load from file://,
/// so the page says how to serve the site (<c>deeplinear serve</c>) when opened from a file.
/// </summary>
public static class ExplorerPage
{
    /// <summary>The page, relative to the site root.</summary>
    public const string FileName = "explorer.html";

    /// <summary>The published WebAssembly app (its <c>_framework/</c>), relative to the site root.</summary>
    public const string AppFolder = "explorer";

    /// <summary>The explorer's script, relative to the site root.</summary>
    public const string Script = "assets/explorer.js";

    /// <summary>Where `dotnet publish lib/DeepLinear.Explorer -c Release` leaves the app, relative to the repository root.</summary>
    public const string PublishedFolder = "lib/DeepLinear.Explorer/bin/Release/net10.0/publish/wwwroot";

    /// <summary>
    /// Writes the page and its script, and copies the published app from <paramref name="repositoryRoot"/> when it has
    /// one; returns whether it did (without it the page says how to build it). <paramref name="notebooks"/> are the
    /// site's notebook pages (file names without extension), linked where they explain what the page shows.
    /// </summary>
    public static bool Write(string siteRoot, string? repositoryRoot, IReadOnlyCollection<string> notebooks)
    {
        var published = repositoryRoot is null ? null : Path.Combine(repositoryRoot, PublishedFolder, "_framework");
        bool hasApp = published is not null && File.Exists(Path.Combine(published, "dotnet.js"));
        var target = Path.Combine(siteRoot, AppFolder, "_framework");
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        if (hasApp)
        {
            Directory.CreateDirectory(target);
            foreach (var file in Directory.GetFiles(published!))
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
        SiteAssets.CopyResource(typeof(ExplorerPage).Assembly, "DeepLinear.Notebooks.Assets.explorer.explorer.js", Path.Combine(siteRoot, Script));
        File.WriteAllText(Path.Combine(siteRoot, FileName), Layout.Page("Explorer: the exact solution, live", Body(hasApp, notebooks), ""));
        return hasApp;
    }

    static string Body(bool hasApp, IReadOnlyCollection<string> notebooks)
    {
        var html = new StringBuilder("<nav class=\"nav\"><a href=\"index.html\">DeepLinear home</a><a id=\"back\" hidden></a></nav>\n");
        html.Append("""
            <h1>Explorer: the exact solution, live</h1>
            <p>Every number and curve on this page is computed in your browser by the project's own exact solver (the C# library
            the notebooks and <code>deeplinear solve</code> use, compiled to WebAssembly). Change a control and the landscape,
            the regime, the critical values and the regime map follow.</p>
            <p id="file-note" class="note" hidden>This page was opened from a file. Browsers load the solver's WebAssembly only over
            http, so serve the site and open it there: <code>./deeplinear serve out</code> (in the repository; the folder is the
            one <code>./deeplinear run</code> wrote) and then <code>http://127.0.0.1:8000/explorer.html</code>. Any static file
            server works, e.g. <code>python3 -m http.server -d out 8000</code>. The other pages work from files.</p>
            """);
        if (!hasApp)
            html.Append("<p class=\"note\">This site was written without the explorer's WebAssembly: build it with "
                + "<code>dotnet publish lib/DeepLinear.Explorer -c Release</code> (<code>./deeplinear run</code> does) and write the site again.</p>\n");
        html.Append("""
            <p><span id="status">loading…</span> <span id="timing" class="prompt"></span></p>
            <p id="error" class="error" hidden></p>
            <div class="explorer">
            <form class="controls" onsubmit="return false">
            <fieldset><legend>Network</legend>
            <label>depth D (hidden layers) <input id="depth" type="range" min="0" max="30" step="1" value="2"> <output id="depth-value">2</output></label>
            <label>widths d₁..d_D (one number, or one per layer) <input id="width" type="text" value="4"></label>
            <label>noise <select id="noise-kind"><option value="variance">variance σ²</option><option value="dropout">dropout rate p</option></select>
              (one, or one per layer) <input id="noise" type="text" value="1"></label>
            </fieldset>
            <fieldset><legend>Weight decay</legend>
            <label>shared decay γ <input id="decay" type="number" step="any" min="0" value="0.1">
              <input id="decay-slider" type="range" min="-4" max="1" step="0.01" value="-1" aria-label="log10 of the shared decay"></label>
            <label>γ_u of U, if not γ <input id="output-decay" type="text" value="" placeholder="shared"></label>
            <label>γ₁..γ_D, if not γ <input id="layer-decays" type="text" value="" placeholder="shared"></label>
            </fieldset>
            <fieldset><legend>Data</legend>
            <label>signal ‖E[xy]‖ <input id="signal" type="number" step="any" min="0" value="1">
              <input id="signal-slider" type="range" min="-3" max="2" step="0.01" value="0" aria-label="log10 of the signal"></label>
            <label>eigenvalues of E[xxᵀ] (one: isotropic) <input id="eigenvalues" type="text" value="1"></label>
            <label>share of ‖E[xy]‖² on each <input id="weights" type="text" value="1"></label>
            <label>least-squares loss r = E[y²] − E[xy]ᵀE[xxᵀ]⁻¹E[xy] <input id="residual" type="number" step="any" min="0" value="0.5"></label>
            </fieldset>
            </form>
            <div class="results">
            <p class="summary">regime: <strong id="regime" class="regime">…</strong>; zero is a <strong id="zero-is">…</strong>;
              global-minimum loss <strong id="global-loss">…</strong> (zero's loss E[y²] = <span id="trivial-loss">…</span>);
              end-to-end scale of the global minimum <span id="global-scale">…</span></p>
            <div id="landscape" class="plot"></div>
            <table class="solutions"><tr><th>stationary point</th><th>x</th><th>end-to-end scale B</th><th>loss L</th></tr><tbody id="solutions"></tbody></table>
            <h3>Critical values: exact, and the paper's closed forms</h3>
            <table class="critical"><tr><th></th><th>exact</th><th>paper</th></tr><tbody id="critical"></tbody></table>
            <h3>Regime map for this architecture</h3>
            <div id="map" class="plot"></div>
            <p class="prompt">green: a nontrivial global minimum; orange: a nontrivial local minimum, but zero is global;
              grey: zero is the only minimum. The cross is the current setting.</p>
            <details><summary>this problem as <code>deeplinear solve</code> reads it</summary><pre id="problem-json"></pre></details>
            </div>
            </div>
            <h2>What to try</h2>
            <ul class="try">
            <li><a href="explorer.html?depth=1&amp;width=4&amp;noise=0&amp;decay=0.5&amp;signal=0.3">D = 1, signal below the decay</a>:
              zero is the global minimum. Raise the signal past the critical signal in the table (Theorem 1's √(γ_uγ₁)) and zero
              turns into a saddle, with the nontrivial minimum growing continuously out of it.</li>
            <li><a href="explorer.html?depth=1&amp;width=4&amp;noise=0&amp;decay=0.1&amp;signal=1">D = 1 above the threshold</a>:
              now raise D from 1 to 2 at this decay and watch zero turn from a saddle into a local minimum, with a barrier
              in the landscape between it and the nontrivial minimum.</li>
            <li><a href="explorer.html?depth=2&amp;width=4&amp;noise=0&amp;decay=0.1&amp;signal=0.2">D = 2, a weak signal</a>: move the
              signal up slowly. A nontrivial minimum appears first as a local minimum only (orange on the map), and becomes the
              global one at the second critical signal: the jump of Proposition 2.</li>
            <li><a href="explorer.html?depth=10&amp;width=4&amp;noise=1&amp;decay=0.01&amp;signal=1">Deep and noisy</a>: raise the
              noise σ² or the depth and watch the critical signals climb (exponentially in D, Eq. 20); widen the layers and they fall.</li>
            <li><a href="explorer.html?depth=3&amp;width=4&amp;noise=0.5&amp;decay=0.05&amp;signal=1&amp;eigenvalues=2,0.2&amp;weights=1,1">An
              anisotropic input</a>: with eigenvalues a_min ≠ a_max the paper's Eqs. 14 and 15 only bracket the exact existence
              signal; move the signal's share to the small eigenvalue and see where inside the bracket it lands.</li>
            </ul>
            """);
        var explained = ExplorerPresets.All.Where(p => notebooks.Contains(p.Key)).ToList();
        if (explained.Count > 0)
        {
            html.Append("<h2>Where this is explained</h2>\n<ul>\n");
            foreach (var (name, preset) in explained)
                html.Append($"<li><a href=\"{Encode(name)}.html\">{Encode(name)}</a>: {Encode(preset.Explains)} "
                    + $"(<a href=\"{FileName}?{Encode(ExplorerPresets.Query(name)!)}\">its setting here</a>)</li>\n");
            html.Append("</ul>\n");
        }
        html.Append("""
            <style>
            .explorer { display: flex; flex-wrap: wrap; gap: 1rem; }
            .controls { flex: 0 1 17rem; min-width: 14rem; }
            .controls fieldset { margin: 0 0 0.6rem; border: 1px solid #ddd; }
            .controls label { display: block; font-size: 0.9rem; margin: 0.3rem 0; }
            .controls input[type=text], .controls input[type=number] { width: 100%; box-sizing: border-box; }
            .controls input[type=range] { width: 100%; }
            .results { flex: 1 1 28rem; min-width: 0; }
            .regime.nontrivial-global { color: #2a7d2a; } .regime.trivial-global { color: #c26100; } .regime.trivial-only { color: #666; }
            .note { background: #fff8e0; border-left: 3px solid #d90; padding: 0.5rem; }
            .error { background: #fff0f0; border-left: 3px solid #d33; padding: 0.5rem; }
            td.num { font-family: monospace; text-align: right; white-space: nowrap; }
            </style>
            """);
        html.Append($"<script src=\"{Script}\"></script>\n");
        return html.ToString();
    }

    static string Encode(string text) => WebUtility.HtmlEncode(text);
}
