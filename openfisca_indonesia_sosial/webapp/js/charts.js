// Plotly charts, served by this server from the installed plotly package; a table stands in
// when Plotly is not available.
import { escapeHtml } from "./api.js";

const CONFIG = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["sendDataToCloud"] };
const PALETTE = ["#1b6ca8", "#e07a1f", "#3a9d5d", "#b23a48", "#6c4f9c", "#8c8c8c"];

export function available() {
  return typeof window.Plotly !== "undefined";
}

function fallback(node, traces) {
  const rows = traces.flatMap((trace) => trace.x.map((x, i) => `<tr><td>${escapeHtml(trace.name || "")}</td><td>${escapeHtml(x)}</td><td class="num">${escapeHtml(trace.y[i])}</td></tr>`));
  node.innerHTML = `<table>${rows.join("")}</table>`;
}

// Long category names (program names) on two or three lines instead of slanted over the legend.
function wrap(text, width = 18) {
  if (typeof text !== "string" || text.length <= width) return text;
  const lines = [""];
  for (const word of text.split(" ")) {
    if (lines[lines.length - 1] && (lines[lines.length - 1] + " " + word).length > width) lines.push(word);
    else lines[lines.length - 1] = lines[lines.length - 1] ? lines[lines.length - 1] + " " + word : word;
  }
  return lines.join("<br>");
}

export function bars(node, traces, { title = "", yTitle = "", xTitle = "", stacked = false, height = 340, horizontal = false } = {}) {
  traces = traces.map((trace, i) => ({ type: "bar", marker: { color: PALETTE[i % PALETTE.length] }, ...trace }));
  if (!horizontal) traces = traces.map((trace) => ({ ...trace, x: trace.x.map((x) => wrap(x)) }));
  if (horizontal) traces = traces.map((trace) => ({ ...trace, orientation: "h", x: trace.y, y: trace.x }));
  if (!available()) return fallback(node, traces);
  const layout = {
    title: { text: title, font: { size: 14 } },
    barmode: stacked ? "relative" : "group",
    height,
    margin: { l: horizontal ? 170 : 60, r: 20, t: title ? 70 : 50, b: 60 },
    xaxis: { title: { text: horizontal ? yTitle : xTitle }, automargin: true },
    yaxis: { title: { text: horizontal ? xTitle : yTitle }, automargin: true },
    // above the plot: tick labels of any length never run into it
    legend: { orientation: "h", x: 0, y: 1.02, yanchor: "bottom" },
    font: { family: "system-ui, sans-serif", size: 12 },
  };
  window.Plotly.react(node, traces, layout, CONFIG);
}

export function steps(node, dates, values, { title = "", yTitle = "" } = {}) {
  if (!available()) return fallback(node, [{ name: title, x: dates, y: values }]);
  const trace = { type: "scatter", mode: "lines+markers", line: { shape: "hv", color: PALETTE[0] }, x: dates, y: values };
  const layout = { title: { text: title, font: { size: 14 } }, height: 280, margin: { l: 70, r: 20, t: title ? 40 : 10, b: 40 }, yaxis: { title: { text: yTitle } }, font: { family: "system-ui, sans-serif", size: 12 } };
  window.Plotly.react(node, [trace], layout, CONFIG);
}
