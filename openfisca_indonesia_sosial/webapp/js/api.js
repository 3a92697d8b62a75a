// Calls to this server only (same origin), formatting and small DOM helpers.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function answer(response) {
  let body = null;
  try {
    body = await response.json();
  } catch (error) {
    throw new ApiError(response.status, `HTTP ${response.status}`);
  }
  if (!response.ok) throw new ApiError(response.status, body && body.error ? body.error : `HTTP ${response.status}`);
  return body;
}

const cache = new Map();

export async function getJSON(path, { cached = false, signal } = {}) {
  if (cached && cache.has(path)) return cache.get(path);
  const promise = fetch(path, { headers: { Accept: "application/json" }, signal }).then(answer);
  if (cached) {
    cache.set(path, promise);
    promise.catch(() => cache.delete(path));
  }
  return promise;
}

export async function postJSON(path, body, { signal } = {}) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
    signal,
  });
  return answer(response);
}

export function escapeHtml(value) {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

export function rupiah(value, lang) {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  return "Rp" + Math.round(value).toLocaleString(lang === "en" ? "en-US" : "id-ID");
}

export function number(value, lang, digits = 0) {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  return Number(value).toLocaleString(lang === "en" ? "en-US" : "id-ID", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function trillion(value, lang, digits = 2) {
  return number(value / 1e12, lang, digits);
}

export function million(value, lang, digits = 2) {
  return number(value / 1e6, lang, digits);
}

export function percent(value, lang, digits = 2) {
  return number(value * 100, lang, digits) + "%";
}

export function signed(text, value) {
  return (value > 0 ? "+" : "") + text;
}

export function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

export function csv(rows) {
  if (!rows.length) return "";
  const columns = Object.keys(rows[0]);
  const cell = (value) => {
    let text = value === null || value === undefined ? "" : String(value);
    // spreadsheet-safe, as the package's own CSV files: text starting like a formula
    if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return /[",\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  };
  return [columns.join(","), ...rows.map((row) => columns.map((c) => cell(row[c])).join(","))].join("\n") + "\n";
}
