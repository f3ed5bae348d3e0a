// Charts of the dashboard: data come from JSON blocks written by the server (no inline script).
(function () {
  "use strict";
  function data(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }
  function draw() {
    if (typeof Chart === "undefined") return;
    Chart.defaults.animation = false; // charts print as they are
    var trend = data("trend-data");
    if (trend) {
      new Chart(document.getElementById("trend-chart"), {
        type: "line",
        data: {
          labels: trend.labels,
          datasets: [
            { label: trend.name, data: trend.values, borderColor: "#0b5d8c", backgroundColor: "#0b5d8c", spanGaps: true },
            { label: trend.target_label, data: trend.labels.map(function () { return trend.target; }), borderColor: "#b26b00", borderDash: [6, 4], pointRadius: 0 }
          ]
        },
        options: { scales: { y: { min: 0, max: trend.max, title: { display: true, text: "%" } } }, maintainAspectRatio: false }
      });
    }
    var ranking = data("ranking-data");
    if (ranking && ranking.labels.length) {
      new Chart(document.getElementById("ranking-chart"), {
        type: "bar",
        data: { labels: ranking.labels, datasets: [{ label: ranking.name, data: ranking.values, backgroundColor: "#0b5d8c" }] },
        options: { indexAxis: "y", scales: { x: { min: 0, max: 100 } }, maintainAspectRatio: false }
      });
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
