// explorer.html's script: reads the controls, calls the exact core compiled to WebAssembly (lib/DeepLinear.Explorer,
// ExplorerApi: Solve, Critical, Map) and draws what it returns with plotly.js. No mathematics here: every number
// shown is the library's. State for headless checks is mirrored in data-* attributes of the root element.
"use strict";
(function () {
  var root = document.documentElement;
  var $ = function (id) { return document.getElementById(id); };
  var api = null;
  // What the page last computed, exactly as the library returned it (headless checks compare it with the CLI).
  var state = { solve: null, critical: null, map: null };
  var mapTimer = 0, criticalTimer = 0;
  var REGIMES = ["nontrivial-global", "trivial-global", "trivial-only"];
  // A failed promise is a script error too (the page frame records only synchronous ones).
  window.addEventListener("unhandledrejection", function (e) {
    var reason = e.reason && e.reason.message ? e.reason.message : String(e.reason);
    root.setAttribute("data-js-errors", (root.getAttribute("data-js-errors") || "") + reason + "; ");
  });

  function say(id, text) { $(id).textContent = text; }
  function fmt(v) {
    if (v === null || v === undefined) return "n/a";
    if (v === 0) return "0";
    var a = Math.abs(v);
    return a >= 1e-3 && a < 1e5 ? Number(v.toPrecision(6)).toString() : v.toExponential(4);
  }
  function list(text, what) {
    var parts = String(text).split(/[,\s;]+/).filter(function (p) { return p.length > 0; });
    var values = parts.map(Number);
    values.forEach(function (v, i) { if (!isFinite(v)) throw new Error(what + ": entry " + (i + 1) + " ('" + parts[i] + "') is not a number"); });
    if (values.length === 0) throw new Error(what + " is empty: give one number, or one per layer");
    return values;
  }
  function perLayer(text, depth, what) {
    var values = list(text, what);
    if (values.length === 1) return Array(depth).fill(values[0]);
    if (values.length !== depth) throw new Error(what + " has " + values.length + " entries: give one number, or one per hidden layer (D = " + depth + ")");
    return values;
  }

  // The problem of the controls, in the argument order of ExplorerApi's exports.
  function problem() {
    var depth = Number($("depth").value);
    var decay = Number($("decay").value);
    var layerText = $("layer-decays").value.trim();
    var outputText = $("output-decay").value.trim();
    return [
      list($("eigenvalues").value, "eigenvalues"),
      list($("weights").value, "signal weights"),
      Number($("signal").value),
      Number($("residual").value),
      depth,
      perLayer($("width").value, depth, "widths"),
      perLayer($("noise").value, depth, "noise"),
      $("noise-kind").value === "dropout",
      outputText ? Number(outputText) : decay,
      layerText ? perLayer(layerText, depth, "layer decays") : Array(depth).fill(decay)
    ];
  }

  function fail(e) {
    var message = (e && e.message) ? e.message : String(e);
    say("error", message);
    $("error").hidden = false;
    root.setAttribute("data-error", message);
    root.removeAttribute("data-pending");
  }
  function clearError() { $("error").hidden = true; root.removeAttribute("data-error"); }

  function update(final) {
    var args;
    try { args = problem(); } catch (e) { state.solve = null; fail(e); return; }
    var t0 = performance.now();
    try {
      state.solve = JSON.parse(api.Solve.apply(null, args));
    } catch (e) { state.solve = null; fail(e); return; }
    clearError();
    drawSolution(state.solve, args);
    var ms = performance.now() - t0;
    root.setAttribute("data-solve-ms", ms.toFixed(1));
    say("timing", "solved in " + ms.toFixed(0) + " ms");
    clearTimeout(criticalTimer); clearTimeout(mapTimer);
    root.setAttribute("data-pending", "1");
    criticalTimer = setTimeout(function () { critical(args); }, final ? 0 : 60);
    mapTimer = setTimeout(function () { map(args, final); }, final ? 0 : 120);
    syncUrl();
  }

  function drawSolution(s, args) {
    root.setAttribute("data-regime", s.regime);
    root.setAttribute("data-zero-is", s.zeroIs);
    root.setAttribute("data-global-loss", String(s.globalMinimumLoss));
    root.setAttribute("data-trivial-loss", String(s.trivialLoss));
    say("regime", s.regime);
    $("regime").className = "regime " + s.regime;
    say("zero-is", s.zeroIs.replace("-", " "));
    say("global-loss", fmt(s.globalMinimumLoss));
    say("trivial-loss", fmt(s.trivialLoss));
    say("global-scale", s.globalMinimumLog10Scale === null ? "zero is the global minimum" : "10^" + s.globalMinimumLog10Scale.toFixed(4));
    say("problem-json", JSON.stringify(s.problem));
    var rows = s.solutions.map(function (p) {
      return "<tr><td>" + p.kind + (p.global ? " (global)" : "") + "</td><td>" + fmt(p.x) + "</td><td>10^" + p.log10Scale.toFixed(4) + "</td><td>" + fmt(p.loss) + "</td></tr>";
    });
    $("solutions").innerHTML = rows.length ? rows.join("") : "<tr><td colspan=\"4\">no nontrivial stationary point: zero is the only one</td></tr>";
    if (!s.landscape) {
      Plotly.react("landscape", [], { title: { text: "D = 0 is ridge regression: a convex quadratic with one minimum, no landscape in one scale" } });
      return;
    }
    var depth = args[4];
    var markers = { kind: [], x: [], y: [], symbol: [] };
    s.solutions.forEach(function (p) {
      [-p.x, p.x].forEach(function (x) { markers.x.push(x); markers.y.push(p.loss); markers.kind.push(p.kind + (p.global ? " (global minimum)" : "")); markers.symbol.push(p.global ? "star" : p.kind === "local-minimum" ? "circle" : "x"); });
    });
    markers.x.push(0); markers.y.push(s.trivialLoss); markers.kind.push("zero: " + s.zeroIs); markers.symbol.push(s.zeroIs === "global-minimum" ? "star" : "diamond");
    Plotly.react("landscape", [
      { x: s.landscape.x, y: s.landscape.loss, mode: "lines", name: "L (exact, library)", line: { color: "#1f77b4" } },
      { x: markers.x, y: markers.y, text: markers.kind, mode: "markers", name: "stationary points", marker: { size: 11, symbol: markers.symbol, color: "#d62728" }, hovertemplate: "%{text}<br>x = %{x:.4g}<br>L = %{y:.6g}<extra></extra>" }
    ], {
      margin: { l: 60, r: 10, t: 30, b: 50 }, height: 340, showlegend: true, legend: { x: 0, y: 1.15, orientation: "h" },
      xaxis: { title: { text: depth === 1 ? "end-to-end scale b (dimensionless)" : "per-layer scale x = |B|^(1/D), B = end-to-end scale (dimensionless)" } },
      yaxis: { title: { text: "expected loss L (units of y²)" } }
    }, { responsive: true, displaylogo: false });
  }

  function critical(args) {
    state.critical = null;
    if (args[4] === 0) { $("critical").innerHTML = "<tr><td colspan=\"3\">D = 0 (ridge regression) never collapses: no critical signal or decay</td></tr>"; return; }
    var c, t0 = performance.now();
    try { c = JSON.parse(api.Critical.apply(null, args)); } catch (e) { fail(e); return; }
    state.critical = c;
    root.setAttribute("data-critical-ms", (performance.now() - t0).toFixed(1));
    root.setAttribute("data-existence-signal", String(c.existenceSignal));
    root.setAttribute("data-global-signal", String(c.globalSignal));
    root.setAttribute("data-critical-output-decay", String(c.criticalOutputDecay));
    var b = c.bounds;
    var rows = [
      ["signal where a nontrivial minimum first exists", fmt(c.existenceSignal),
        b.theorem1Signal !== undefined ? "Theorem 1: √(γ_u γ₁) = " + fmt(b.theorem1Signal)
          : b.uniform ? "Eq. 14 (a_min): ≥ " + fmt(b.eq14ExistenceSignal) + "; Eq. 15 (a_max): ≤ " + fmt(b.eq15ExistenceSignal) : "bounds need a uniform network"],
      ["signal where it becomes the global minimum", fmt(c.globalSignal),
        b.theorem1Signal !== undefined ? "Theorem 1: √(γ_u γ₁) = " + fmt(b.theorem1Signal)
          : b.uniform ? "Eq. 18 (a_max): ≤ " + fmt(b.eq18GlobalSignal) : "bounds need a uniform network"],
      ["decay γ_u at which the network collapses (ratios kept)", fmt(c.criticalOutputDecay), "10^" + c.log10CriticalFactor.toFixed(4) + " × the current decays"]
    ];
    $("critical").innerHTML = rows.map(function (r) { return "<tr><td>" + r[0] + "</td><td class=\"num\">" + r[1] + "</td><td>" + r[2] + "</td></tr>"; }).join("");
  }

  function map(args, final) {
    state.map = null;
    if (args[4] === 0) { Plotly.react("map", [], { title: { text: "no regime map for D = 0" } }); root.removeAttribute("data-pending"); return; }
    var n = final ? 60 : 20;
    var t0 = performance.now();
    var m;
    try { m = JSON.parse(api.Map.apply(null, args.concat([1e-4, 10, n, 1e-3, 100, n]))); } catch (e) { fail(e); return; }
    state.map = m;
    var z = [];
    for (var j = 0; j < m.signals.length; j++) {
      var row = [];
      for (var i = 0; i < m.decays.length; i++) row.push(m.regimes[i * m.signals.length + j]);
      z.push(row);
    }
    Plotly.react("map", [
      { type: "heatmap", x: m.decays, y: m.signals, z: z, zmin: 0, zmax: 2, showscale: false, name: "regime (exact)",
        colorscale: [[0, "#2ca02c"], [0.33, "#2ca02c"], [0.34, "#ff7f0e"], [0.66, "#ff7f0e"], [0.67, "#bbbbbb"], [1, "#bbbbbb"]],
        text: z.map(function (r) { return r.map(function (v) { return REGIMES[v]; }); }), hovertemplate: "γ_u = %{x:.3g}<br>‖E[xy]‖ = %{y:.3g}<br>%{text}<extra></extra>" },
      { x: [args[8]], y: [args[2]], mode: "markers", name: "current setting", marker: { size: 12, color: "#000", symbol: "cross" } }
    ], {
      margin: { l: 60, r: 10, t: 30, b: 50 }, height: 340, showlegend: true, legend: { x: 0, y: 1.15, orientation: "h" },
      xaxis: { type: "log", title: { text: "weight decay γ_u (layer decays keep their ratios)" } },
      yaxis: { type: "log", title: { text: "signal ‖E[xy]‖ (units of x·y)" } }
    }, { responsive: true, displaylogo: false });
    root.setAttribute("data-map-ms", (performance.now() - t0).toFixed(1));
    root.setAttribute("data-map-points", String(n));
    root.removeAttribute("data-pending");
  }

  // Controls <-> URL: every control has a query parameter of its own id.
  var CONTROLS = ["depth", "width", "noise", "noise-kind", "decay", "output-decay", "layer-decays", "signal", "eigenvalues", "weights", "residual"];
  function syncUrl() {
    var q = new URLSearchParams(location.search);
    CONTROLS.forEach(function (id) { var v = $(id).value; if (v === "") q.delete(id); else q.set(id, v); });
    history.replaceState(null, "", "?" + q.toString());
  }
  function readUrl() {
    var q = new URLSearchParams(location.search);
    CONTROLS.forEach(function (id) { if (q.has(id)) $(id).value = q.get(id); });
    var notebook = q.get("notebook");
    if (notebook && /^[A-Za-z0-9._-]+$/.test(notebook)) {
      var back = $("back");
      back.href = notebook + ".html";
      back.textContent = "← back to " + notebook + ", which explains this setting";
      back.hidden = false;
    }
  }
  function syncSliders() {
    $("decay-slider").value = Math.log10(Number($("decay").value));
    $("signal-slider").value = Math.log10(Number($("signal").value));
    say("depth-value", $("depth").value);
  }

  function wire() {
    ["decay", "signal"].forEach(function (id) {
      $(id + "-slider").addEventListener("input", function () { $(id).value = Number(Math.pow(10, Number(this.value)).toPrecision(4)); update(false); });
      $(id + "-slider").addEventListener("change", function () { update(true); });
    });
    CONTROLS.forEach(function (id) {
      $(id).addEventListener("input", function () { syncSliders(); update(false); });
      $(id).addEventListener("change", function () { syncSliders(); update(true); });
    });
  }

  async function start() {
    if (location.protocol === "file:") {
      $("file-note").hidden = false;
      say("status", "not started: the page was opened from a file");
      root.setAttribute("data-explorer", "file");
      return;
    }
    say("status", "loading the exact solver (WebAssembly)…");
    try {
      var module = await import("../explorer/_framework/dotnet.js");
      var runtime = await module.dotnet.create();
      var exports = await runtime.getAssemblyExports("DeepLinear.Explorer.dll");
      api = exports.DeepLinear.Explorer.ExplorerApi;
    } catch (e) {
      say("status", "the exact solver did not load: " + (e && e.message ? e.message : e));
      root.setAttribute("data-explorer", "failed");
      throw e;
    }
    readUrl();
    syncSliders();
    wire();
    update(true);
    var first = performance.now();
    root.setAttribute("data-first-result-ms", first.toFixed(0));
    root.setAttribute("data-explorer", "ready");
    say("status", "ready: first result " + first.toFixed(0) + " ms after navigation");
  }
  window.deepLinearExplorer = { update: update, state: state };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
