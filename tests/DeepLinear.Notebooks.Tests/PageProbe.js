// Measures a rendered page once it has drawn, for PageProbe.cs: injected before </body> of a copy of the page, it
// writes one JSON object into a pre element with the id page-probe, which chromium's --dump-dom then prints.
(function () {
  function scrolls(style) { return style.overflowX === "auto" || style.overflowX === "scroll"; }
  function describe(el) {
    var cell = el.closest(".cell[id]");
    var text = (el.textContent || "").replace(/\s+/g, " ").trim().slice(0, 80);
    return el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.trim().replace(/\s+/g, ".") : "")
      + (cell ? " in #" + cell.id : "") + ": " + text;
  }
  // Inside a chart or a formula the libraries own the layout; the chart as a whole is measured below.
  function owned(el) { return el.parentElement !== null && el.parentElement.closest(".js-plotly-plot, .katex") !== null; }

  function measure() {
    var result = { pageWidth: document.documentElement.scrollWidth, windowWidth: window.innerWidth, overflows: [], scrolled: [], charts: [], rawTex: [], links: [], navigations: 0, errors: [], mathErrors: [] };
    // (a) a box wider than the column it sits in, unless a box between them scrolls; a box that hides what overflows it
    var column = document.body.getBoundingClientRect();
    var style = getComputedStyle(document.body);
    var right = column.right - parseFloat(style.paddingRight);
    var flagged = new Set();
    document.querySelectorAll("body *").forEach(function (el) {
      if (owned(el) || el.id === "page-probe" || flagged.has(el.parentElement)) { if (flagged.has(el.parentElement)) flagged.add(el); return; }
      var box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) return;
      var own = getComputedStyle(el);
      if ((own.overflowX === "hidden" || own.overflowX === "clip") && el.scrollWidth > el.clientWidth + 1)
        result.overflows.push("clipped " + describe(el) + " (" + el.scrollWidth + " px in " + el.clientWidth + " px)");
      if (scrolls(own) && el.scrollWidth > el.clientWidth + 1)
        result.scrolled.push({ tag: el.tagName.toLowerCase(), what: describe(el) + " (" + el.scrollWidth + " px in " + el.clientWidth + " px)" });
      // where its content ends: a box that lets its content spill (overflow visible) ends where the content does
      var reach = own.overflowX === "visible" ? Math.max(box.right, box.left + el.scrollWidth) : box.right;
      if (reach <= right + 1) return;
      for (var up = el.parentElement; up && up !== document.body; up = up.parentElement)
        if (scrolls(getComputedStyle(up)) && up.getBoundingClientRect().right <= right + 1) return;
      flagged.add(el);
      result.overflows.push("past the column " + describe(el) + " (right edge " + Math.round(reach) + " px, column " + Math.round(right) + " px)");
    });
    // (b) each chart's plot area against the chart; every title and the legend inside the chart
    document.querySelectorAll(".js-plotly-plot").forEach(function (chart) {
      var box = chart.getBoundingClientRect();
      // the plot area is the clip rectangle of each subplot's traces (a static chart has no drag layer to measure)
      var areas = Array.prototype.map.call(chart.querySelectorAll(".plotclip rect"), function (r) { return parseFloat(r.getAttribute("width")) || 0; });
      var cut = [];
      chart.querySelectorAll(".gtitle, .g-xtitle text, .g-ytitle text, .legend, .cbtitle text").forEach(function (t) {
        var r = t.getBoundingClientRect();
        if (r.width === 0) return;
        if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
          cut.push((t.textContent || "").trim().slice(0, 60));
      });
      var cell = chart.closest(".cell[id], li[id]");
      result.charts.push({ id: chart.id, cell: cell ? cell.id : "", width: box.width, plotWidth: areas.length ? Math.max.apply(null, areas) : 0, cut: cut,
        right: box.right, columnRight: right });
    });
    // (c) axis and colour-bar titles as drawn
    document.querySelectorAll(".js-plotly-plot .g-xtitle, .js-plotly-plot .g-ytitle, .js-plotly-plot .cbtitle, .js-plotly-plot .gtitle").forEach(function (t) {
      var text = t.textContent || "";
      if (/_\{|\^\{|\\|\$/.test(text)) result.rawTex.push(text.trim());
    });
    // (d) links and navigation bars
    document.querySelectorAll("a[href]").forEach(function (a) { result.links.push(a.getAttribute("href")); });
    result.navigations = document.querySelectorAll("nav.nav a[href$='index.html']").length;
    // (e) errors: what the page's own handler recorded, and what the early hook saw (console.error, rejections, failed loads)
    var recorded = document.documentElement.getAttribute("data-js-errors");
    if (recorded) result.errors.push(recorded);
    result.errors = result.errors.concat(window.__probeErrors || []);
    document.querySelectorAll(".katex-error").forEach(function (e) { result.mathErrors.push(e.getAttribute("title") || e.textContent); });
    var out = document.createElement("pre");
    out.id = "page-probe";
    out.textContent = JSON.stringify(result);
    document.body.appendChild(out);
  }
  window.addEventListener("load", function () { setTimeout(measure, 500); });
})();
