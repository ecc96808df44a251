/* Draws the dashboards' charts with Chart.js.
 *
 * Each <canvas data-chart="ID"> reads its data from the JSON script element ID, written by the
 * server (no inline script). The data table beside each chart carries the same figures, so the
 * charts are a visual aid only: the canvas has role="img" and a summary as its label.
 * Colours keep a contrast of at least 3:1 against white; animations are off for people who ask
 * their system for reduced motion.
 */
(function () {
  "use strict";

  var PALETTE = ["#0b5cad", "#b35900", "#1b7a3d", "#8e3b97", "#a4262c", "#006d77", "#5c5c5c", "#6b5300"];
  var TEXT = "#212529";
  var GRID = "#dee2e6";

  function percent(value) {
    return value + " %";
  }

  function config(spec) {
    var horizontal = Boolean(spec.horizontal);
    var line = spec.type === "line";
    var datasets = spec.datasets.map(function (dataset, index) {
      var colour = PALETTE[index % PALETTE.length];
      return {
        label: dataset.label,
        data: dataset.data,
        backgroundColor: colour,
        borderColor: colour,
        borderWidth: line ? 2 : 0,
        pointRadius: line ? 3 : 0,
        // Lines keep a gap where a period has no figure rather than inventing one.
        spanGaps: false,
        fill: false
      };
    });
    var valueAxis = {
      beginAtZero: !spec.scale,
      stacked: Boolean(spec.stacked),
      grid: {color: GRID},
      ticks: {color: TEXT, precision: spec.scale ? 1 : 0}
    };
    if (spec.scale) {
      valueAxis.min = spec.scale[0];
      valueAxis.max = spec.scale[1];
    }
    if (spec.percent) {
      valueAxis.min = 0;
      valueAxis.max = 100;
      valueAxis.ticks.callback = percent;
    }
    var labelAxis = {stacked: Boolean(spec.stacked), grid: {display: false}, ticks: {color: TEXT}};
    return {
      type: spec.type,
      data: {labels: spec.labels, datasets: datasets},
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        scales: horizontal ? {x: valueAxis, y: labelAxis} : {x: labelAxis, y: valueAxis},
        plugins: {
          legend: {display: datasets.length > 1, labels: {color: TEXT}},
          tooltip: {enabled: true}
        }
      }
    };
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source) {
      return;
    }
    var chart = new window.Chart(canvas, config(JSON.parse(source.textContent)));
    canvas.dataset.drawn = chart.data.datasets.length ? "true" : "empty";
  }

  function start() {
    if (typeof window.Chart === "undefined") {
      return;
    }
    var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    if (reduced) {
      window.Chart.defaults.animation = false;
    }
    window.Chart.defaults.color = TEXT;
    window.Chart.defaults.font.family = window.getComputedStyle(document.body).fontFamily;
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
