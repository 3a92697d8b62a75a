// Simulasi reformasi: shipped reforms and parameter edits, run with POST /simulate on the
// default population; the choice lives in the page URL so a result can be shared.
import { csv, download, escapeHtml, getJSON, million, number, percent, postJSON, trillion } from "./api.js";
import { bars } from "./charts.js";
import { getLang, pick, t } from "./i18n.js";

const INLINE_NAME = "ubah_parameter";
let root;
let catalog;
let state = { year: 2025, full: false, shipped: [], edits: {} };
let selected = null;
let job = null;
let runToken = 0;

export async function mount(section) {
  root = section;
  const [reforms, parameters, spec, provinces, programs] = await Promise.all([
    getJSON("/reforms", { cached: true }),
    getJSON("/parameters", { cached: true }),
    getJSON("/spec", { cached: true }),
    getJSON("/provinces", { cached: true }),
    getJSON("/programs", { cached: true }),
  ]);
  const year = spec.components.schemas.SimulationRequest.properties.year;
  catalog = {
    reforms: reforms.reforms.filter((r) => !r.error),
    parameters: Object.entries(parameters).map(([id, p]) => ({ id, description: p.description || "" })),
    years: { first: year.minimum, last: year.maximum },
    provinces: Object.fromEntries(provinces.provinces.map((p) => [p.code, p.name])),
    programs: Object.fromEntries(programs.programs.map((p) => [p.key, p])),
  };
  state.year = Math.min(Math.max(2025, catalog.years.first), catalog.years.last);
  render();
  root.addEventListener("click", onClick);
  root.addEventListener("input", onInput);
  root.addEventListener("change", onInput);
}

export async function route(rest, query) {
  const encoded = query.get("s");
  if (!encoded) return;
  let shared;
  try {
    shared = JSON.parse(encoded);
  } catch (error) {
    return showError("URL: " + error.message);
  }
  const known = new Set(catalog.reforms.map((r) => r.name));
  state = {
    year: Number(shared.y) || state.year,
    full: Boolean(shared.f),
    shipped: (Array.isArray(shared.r) ? shared.r : []).filter((name) => known.has(name)),
    edits: shared.p && typeof shared.p === "object" ? shared.p : {},
  };
  render();
  if (state.shipped.length || Object.keys(state.edits).length) await run();
}

export function relabel() {
  render();
  if (selected) showParameter(selected.id);
  if (job) showProgress(job);
  if (job && job.status === "done") renderResult(job);
}

function shareHash() {
  const payload = { y: state.year, f: state.full || undefined, r: state.shipped, p: state.edits };
  return "#simulasi?s=" + encodeURIComponent(JSON.stringify(payload));
}

export function reformYaml(edits = state.edits) {
  const lines = [
    `name: ${INLINE_NAME}`,
    "label: Perubahan parameter dari aplikasi web",
    "description: >-",
    "  Parameter changes entered in the web application; each value applies from its date.",
    "parameters:",
  ];
  for (const [path, dated] of Object.entries(edits)) {
    lines.push(`  ${path}:`);
    for (const [date, value] of Object.entries(dated)) lines.push(`    ${date}: ${typeof value === "boolean" ? String(value) : value}`);
  }
  return lines.join("\n") + "\n";
}

function requestBody() {
  const reforms = [...state.shipped];
  if (Object.keys(state.edits).length) reforms.push({ name: INLINE_NAME, label: "Perubahan parameter", parameters: state.edits });
  return { year: state.year, reforms, full_entitlement: state.full };
}

function render() {
  const lang = getLang();
  const years = [];
  for (let y = catalog.years.first; y <= catalog.years.last; y += 1) years.push(`<option${y === state.year ? " selected" : ""}>${y}</option>`);
  const ordered = [...catalog.reforms].sort((a, b) => state.shipped.includes(b.name) - state.shipped.includes(a.name));
  const reforms = ordered.map((r) => `<label class="check" style="display:flex;align-items:flex-start;margin:6px 0"><input type="checkbox" data-reform="${escapeHtml(r.name)}"${state.shipped.includes(r.name) ? " checked" : ""}><span><strong>${escapeHtml(r.label)}</strong> <span class="tag">${escapeHtml(r.name)}</span><br><small class="muted">${escapeHtml(r.description)}</small></span></label>`).join("");
  const edits = Object.entries(state.edits).flatMap(([path, dated]) => Object.entries(dated).map(([date, value]) => `<li><a href="#aturan/parameter/${encodeURIComponent(path)}">${escapeHtml(path)}</a>: ${escapeHtml(typeof value === "number" ? number(value, lang, Number.isInteger(value) ? 0 : 4) : String(value))} ${lang === "en" ? "from" : "sejak"} ${escapeHtml(date)} <button type="button" class="small" data-drop="${escapeHtml(path)}|${escapeHtml(date)}">${t("remove")}</button></li>`));
  root.innerHTML = `<h1>${t("sim_title")}</h1><p class="muted">${t("sim_intro")}</p>
  <div class="grid2">
      <div class="card">
        <div class="row">
          <div><label for="sim-year">${t("year")}</label><select id="sim-year">${years.join("")}</select></div>
          <label class="check"><input type="checkbox" id="sim-full"${state.full ? " checked" : ""}>${t("full_entitlement")}</label>
        </div>
        <h2>${t("shipped")}</h2>
        <div class="list" style="max-height:340px;padding:4px 10px">${reforms}</div>
      </div>
      <div class="card">
        <h2>${t("edit_params")}</h2>
        <input type="search" id="param-search" placeholder="${t("search_param")}" style="width:100%" aria-label="${t("search_param")}">
        <div class="list" id="param-list" style="margin-top:6px;max-height:220px"></div>
        <div id="param-detail"></div>
        <h3>${t("changes")}</h3>
        <ul id="edits">${edits.join("") || `<li class="muted">${t("none_yet")}</li>`}</ul>
      </div>
  </div>
  <div class="card">
    <div class="row">
      <button type="button" class="primary" id="run">${t("run")}</button>
      <a id="share" href="${shareHash()}">${t("share")}</a>
      <button type="button" id="dl-yaml"${Object.keys(state.edits).length ? "" : " disabled"}>${t("download_yaml")}</button>
    </div>
    <div id="sim-status" data-status="idle" style="margin-top:10px"></div>
    <details style="margin-top:8px"><summary>YAML</summary><pre class="code" id="reform-yaml">${escapeHtml(reformYaml())}</pre></details>
  </div>
  <div id="sim-results"></div>`;
  renderParameterList("");
}

function renderParameterList(filter) {
  const needle = filter.trim().toLowerCase();
  const matches = catalog.parameters.filter((p) => !needle || p.id.toLowerCase().includes(needle) || p.description.toLowerCase().includes(needle));
  const groups = {};
  for (const p of matches) (groups[p.id.split(".")[0]] ||= []).push(p);
  root.querySelector("#param-list").innerHTML = Object.entries(groups).sort().map(([group, items]) => `<details${needle ? " open" : ""}><summary>${escapeHtml(group)} (${items.length})</summary>${items.map((p) => `<button type="button" class="item" data-param="${escapeHtml(p.id)}">${escapeHtml(p.id)}<small>${escapeHtml(p.description)}</small></button>`).join("")}</details>`).join("");
}

function valueText(value, unit) {
  if (value === null || value === undefined) return "–";
  if (typeof value === "number" && unit === "currency-IDR") return "Rp" + number(value, getLang());
  if (typeof value === "number") return number(value, getLang(), Number.isInteger(value) ? 0 : 4);
  return String(value);
}

async function showParameter(id) {
  const detail = root.querySelector("#param-detail");
  let parameter;
  try {
    parameter = await getJSON(`/parameter/${encodeURIComponent(id)}`, { cached: true });
  } catch (error) {
    detail.innerHTML = `<p class="error">${escapeHtml(error.message)}</p>`;
    return;
  }
  const values = parameter.values || {};
  const dates = Object.keys(values).sort();
  if (!dates.length) {
    detail.innerHTML = `<p class="muted">${t("choose")}</p>`;
    return;
  }
  selected = { id, parameter };
  const unit = parameter.metadata?.unit;
  const references = parameter.metadata?.reference || {};
  const current = values[dates[dates.length - 1]];
  const rows = dates.slice().reverse().map((date) => `<tr><td>${date}</td><td class="num">${escapeHtml(valueText(values[date], unit))}</td><td>${(references[date] || []).map((r) => escapeHtml(r.title)).join("; ")}</td></tr>`).join("");
  const input = typeof current === "boolean"
    ? `<select id="new-value"><option>true</option><option>false</option></select>`
    : `<input type="number" id="new-value" value="${escapeHtml(current)}" step="any" style="width:10em">`;
  detail.innerHTML = `<div class="card" style="background:#f8fafc"><h3>${escapeHtml(id)}</h3><p>${escapeHtml(pick(parameter.description, parameter.metadata?.label_en))} <span class="tag">${escapeHtml(unit || "")}</span></p>
    <p>${t("current_value")}: <strong>${escapeHtml(valueText(current, unit))}</strong> (${dates[dates.length - 1]})</p>
    <div class="row"><div><label for="new-value">${t("new_value")}</label>${input}</div>
    <div><label for="new-date">${t("from_date")}</label><input type="date" id="new-date" value="${state.year}-01-01" min="${dates[0]}" max="2100-12-31"></div>
    <button type="button" id="add-change">${t("add_change")}</button></div>
    <details><summary>${t("values_refs")}</summary><div class="table-wrap"><table><thead><tr><th>${t("date")}</th><th class="num">${t("value")}</th><th>${t("references")}</th></tr></thead><tbody>${rows}</tbody></table></div></details></div>`;
}

function addChange() {
  const raw = root.querySelector("#new-value").value;
  const date = root.querySelector("#new-date").value;
  if (!selected || !/^\d{4}-\d{2}-\d{2}$/.test(date) || raw === "") return;
  let value = raw === "true" ? true : raw === "false" ? false : Number(raw);
  if (typeof value === "number" && !Number.isFinite(value)) return;
  state.edits[selected.id] = { ...(state.edits[selected.id] || {}), [date]: value };
  const keep = selected.id;
  render();
  showParameter(keep);
}

function onInput(event) {
  const node = event.target;
  if (node.id === "param-search") return renderParameterList(node.value);
  if (node.id === "sim-year" && event.type === "change") state.year = Number(node.value);
  else if (node.id === "sim-full") state.full = node.checked;
  else if (node.dataset.reform && event.type === "change") {
    const name = node.dataset.reform;
    state.shipped = node.checked ? [...new Set([...state.shipped, name])] : state.shipped.filter((n) => n !== name);
  } else return;
  root.querySelector("#share").href = shareHash();
}

function onClick(event) {
  const node = event.target.closest("button");
  if (!node) return;
  if (node.dataset.param) {
    root.querySelectorAll("#param-list [aria-selected]").forEach((n) => n.removeAttribute("aria-selected"));
    node.setAttribute("aria-selected", "true");
    showParameter(node.dataset.param);
  } else if (node.id === "add-change") addChange();
  else if (node.dataset.drop) {
    const [path, date] = node.dataset.drop.split("|");
    delete state.edits[path][date];
    if (!Object.keys(state.edits[path]).length) delete state.edits[path];
    render();
  } else if (node.id === "run") run();
  else if (node.id === "dl-yaml") download(`${INLINE_NAME}.yaml`, reformYaml(), "application/yaml");
  else if (node.id === "dl-json" && job) download(`simulasi_${job.year}.json`, JSON.stringify({ ...job.result, breakdown: job.breakdown || {} }, null, 2), "application/json");
  else if (node.id === "dl-csv" && job) {
    const table = root.querySelector("#csv-table").value;
    const rows = table === "breakdown" ? breakdownRecords(job.breakdown) : job.result.tables[table];
    download(`simulasi_${job.year}_${table}.csv`, csv(rows), "text/csv");
  }
}

function showError(message) {
  const status = root.querySelector("#sim-status");
  status.dataset.status = "error";
  status.innerHTML = `<p class="error" role="alert">${escapeHtml(message)}</p>`;
}

function showProgress(current) {
  const status = root.querySelector("#sim-status");
  status.dataset.status = current.status;
  const label = { queued: t("queued"), running: t("running"), done: t("done"), failed: t("failed") }[current.status];
  status.innerHTML = `<div class="row" style="align-items:center"><div class="progress" style="flex:1" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow="${Math.round(current.progress * 100)}"><div style="width:${Math.round(current.progress * 100)}%"></div></div><span>${label} ${Math.round(current.progress * 100)}%${current.run_seconds !== undefined ? ` · ${current.run_seconds.toFixed(1)} s` : ""}</span></div>${current.error ? `<p class="error" role="alert">${escapeHtml(current.error)}</p>` : ""}`;
}

async function run() {
  const body = requestBody();
  if (!body.reforms.length) return showError(t("no_reform"));
  if (location.hash !== shareHash()) history.replaceState(null, "", shareHash());
  const token = (runToken += 1);
  job = null;
  root.querySelector("#sim-results").innerHTML = "";
  showProgress({ status: "queued", progress: 0 });
  let current;
  try {
    // the POST answers the job without its result (it may already be done: same content)
    const accepted = await postJSON("/simulate", body);
    while (token === runToken) {
      current = await getJSON(`/simulate/${encodeURIComponent(accepted.id)}`);
      showProgress(current);
      if (current.status === "done" || current.status === "failed") break;
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
  } catch (error) {
    if (token === runToken) showError(error.message);
    return;
  }
  if (token !== runToken) return;
  job = current;
  if (current.status === "done") renderResult(current);
}

function ci(figures, key, format) {
  const interval = figures[`${key}_ci95`];
  return Array.isArray(interval) && interval.length === 2 ? `<br><small class="muted">${t("interval")}: ${format(interval[0])} – ${format(interval[1])}</small>` : "";
}

function renderResult(current) {
  const lang = getLang();
  const result = current.result;
  const names = Object.keys(result.scenarios);
  const reformNames = names.filter((n) => n !== "baseline");
  const base = result.scenarios.baseline;
  const programs = Object.keys(base.programs).filter((key) => names.some((n) => result.scenarios[n].programs[key].cost_idr));
  // people read program names, not registry keys
  const programName = (key) => escapeHtml(programLabel(key));
  const label = (name) => (name === "baseline" ? (lang === "en" ? "Current policy" : "Kebijakan berlaku") : result.scenarios[name].label || name);
  const programRows = programs.flatMap((key) => names.map((name) => {
    const figures = result.scenarios[name].programs[key];
    const recipients = figures.recipient_families ?? figures.recipient_persons;
    const recipientKey = figures.recipient_families !== undefined ? "recipient_families" : "recipient_persons";
    const change = name === "baseline" ? "" : trillion(figures.cost_idr - base.programs[key].cost_idr, lang);
    return `<tr data-scenario="${escapeHtml(name)}" data-program="${key}" data-cost="${figures.cost_idr}"><td>${programName(key)}</td><td title="${escapeHtml(label(name))}"><span class="tag">${escapeHtml(name)}</span></td><td class="num">${million(recipients, lang)}${ci(figures, recipientKey, (v) => million(v, lang))}</td><td class="num">${trillion(figures.cost_idr, lang)}${ci(figures, "cost_idr", (v) => trillion(v, lang))}</td><td class="num">${change}</td></tr>`;
  }));
  const povertyKeys = [["headcount_rate", "p0"], ["poverty_gap_index", "p1"], ["poverty_severity_index", "p2"], ["gini", "gini"]];
  const povertyRows = povertyKeys.map(([key, text]) => `<tr><td>${t(text)}</td>${names.map((name) => {
    const value = result.scenarios[name].poverty[key];
    const shownValue = key === "gini" ? number(value, lang, 4) : percent(value, lang, 3);
    const delta = name === "baseline" ? "" : ` <small class="${value - base.poverty[key] < 0 ? "pos" : "neg"}">(${key === "gini" ? number(value - base.poverty[key], lang, 4) : number((value - base.poverty[key]) * 100, lang, 3)})</small>`;
    return `<td class="num" data-scenario="${escapeHtml(name)}" data-measure="${key}">${shownValue}${delta}${ci(result.scenarios[name].poverty, key, (v) => (key === "gini" ? number(v, lang, 4) : percent(v, lang, 3)))}</td>`;
  }).join("")}</tr>`).join("");
  const main = reformNames[0];
  const province = provinceRows(result, main, lang);
  const targeting = (result.tables.targeting || []).map((r) => `<tr><td title="${escapeHtml(label(r.scenario))}"><span class="tag">${escapeHtml(r.scenario)}</span></td><td>${programName(r.program)}</td><td class="num">${r.target_deciles}</td><td class="num">${percent(r.inclusion_error, lang, 1)}</td><td class="num">${percent(r.exclusion_error, lang, 1)}</td></tr>`).join("");
  const breakdownNames = Object.keys(current.breakdown || {});
  const tables = [...Object.keys(result.tables), ...(breakdownNames.length ? ["breakdown"] : [])].map((name) => `<option>${name}</option>`).join("");
  const totals = reformNames.map((name) => {
    const change = result.scenarios[name].change;
    return `<div class="card"><div class="stat">${change.total_cost_idr >= 0 ? "+" : ""}Rp${trillion(change.total_cost_idr, lang)} T<small>${escapeHtml(name)}: ${t("total_cost")}</small></div><div class="stat ${change.headcount_rate < 0 ? "pos" : "neg"}">${number(change.headcount_rate * 100, lang, 3)}<small>${t("p0_change")}</small></div></div>`;
  }).join("");
  root.querySelector("#sim-results").innerHTML = `
    <div class="card"><h2>${t("simulate_for")} ${result.year}</h2>
      <ul class="refs">${names.map((n) => `<li><span class="tag">${escapeHtml(n)}</span> ${escapeHtml(label(n))}</li>`).join("")}</ul><div class="grid3">${totals}</div>
      <div class="row"><button type="button" id="dl-json">${t("download_json")}</button>
      <select id="csv-table" aria-label="CSV">${tables}</select><button type="button" id="dl-csv">${t("download_csv")}</button>
      <a href="/simulate/${encodeURIComponent(current.id)}/report" target="_blank" rel="noopener">${t("report")}</a></div></div>
    <div class="card"><h2>${t("cost_recipients")}</h2><div class="chart" id="chart-cost"></div>
      <div class="table-wrap"><table id="program-table"><thead><tr><th>${t("program")}</th><th>${t("scenario")}</th><th class="num">${t("recipients")}</th><th class="num">${t("cost")}</th><th class="num">${t("change")}</th></tr></thead><tbody>${programRows.join("")}</tbody></table></div></div>
    ${breakdownNames.map((name) => breakdownCard(name, current.breakdown[name], lang)).join("")}
    <div class="card"><h2>${t("poverty")}</h2><div class="table-wrap"><table id="poverty-table"><thead><tr><th></th>${names.map((n) => `<th class="num" title="${escapeHtml(label(n))}">${escapeHtml(n)}</th>`).join("")}</tr></thead><tbody>${povertyRows}</tbody></table></div></div>
    <div class="card"><h2>${t("winners")}</h2><div class="chart" id="chart-winners"></div><div class="chart" id="chart-shares"></div></div>
    <div class="card"><h2>${t("provinces")} — <span class="tag">${escapeHtml(main)}</span></h2><div class="chart" id="chart-provinces" style="min-height:700px"></div>
      <details><summary>${t("provinces")}</summary><div class="table-wrap"><table id="province-table"><thead><tr><th>${t("province")}</th><th class="num">${t("cost_change")}</th><th class="num">P0</th><th class="num">${t("p0_change")}</th></tr></thead><tbody>${province.rows}</tbody></table></div></details></div>
    <div class="card"><h2>${t("targeting")}</h2><div class="table-wrap"><table><thead><tr><th>${t("scenario")}</th><th>${t("program")}</th><th class="num">${t("target_deciles")}</th><th class="num">${t("inclusion")}</th><th class="num">${t("exclusion")}</th></tr></thead><tbody>${targeting}</tbody></table></div></div>`;
  bars(root.querySelector("#chart-cost"), names.map((name) => ({ name: label(name), x: programs.map(programLabel), y: programs.map((key) => result.scenarios[name].programs[key].cost_idr / 1e12) })), { yTitle: t("cost") });
  const wl = result.tables.winners_losers || [];
  bars(root.querySelector("#chart-winners"), reformNames.map((name) => {
    const rows = wl.filter((r) => r.scenario === name);
    return { name: label(name), x: rows.map((r) => String(r.decile)), y: rows.map((r) => r.average_change_idr) };
  }), { yTitle: t("avg_change"), xTitle: "desil / decile", height: 300 });
  const mainRows = wl.filter((r) => r.scenario === main);
  bars(root.querySelector("#chart-shares"), [
    { name: t("gaining"), x: mainRows.map((r) => String(r.decile)), y: mainRows.map((r) => r.share_gaining * 100), marker: { color: "#3a9d5d" } },
    { name: t("losing"), x: mainRows.map((r) => String(r.decile)), y: mainRows.map((r) => -r.share_losing * 100), marker: { color: "#b23a48" } },
  ], { stacked: true, yTitle: "%", xTitle: "desil / decile", height: 280 });
  bars(root.querySelector("#chart-provinces"), [{ name: t("cost_change"), x: province.names, y: province.costs }], { horizontal: true, yTitle: t("cost_change"), height: 720 });
}

function programLabel(key) {
  const program = catalog.programs[key];
  return program ? pick(program.label, program.label_en) : key;
}

function dated(parameters, lang) {
  return Object.entries(parameters).map(([path, values]) => `<a href="#aturan/parameter/${encodeURIComponent(path)}">${escapeHtml(path)}</a>: ${Object.entries(values).map(([date, value]) => `${escapeHtml(typeof value === "number" ? number(value, lang, Number.isInteger(value) ? 0 : 4) : String(value))} <span class="nowrap">${lang === "en" ? "from" : "sejak"} ${escapeHtml(date)}</span>`).join("; ")}`).join("<br>");
}

// One reform's effect provision by provision: cumulative in the reform's order, so the rows
// add up to the whole reform (the last row).
function breakdownCard(name, block, lang) {
  const title = `<h2>${t("breakdown")} — <span class="tag">${escapeHtml(name)}</span></h2>`;
  if (block.omitted) return `<div class="card">${title}<p class="muted">${escapeHtml(block.omitted)}</p></div>`;
  const rows = [...block.provisions, { step: "", total: true, ...block.total }];
  const keys = Object.keys(block.total.programs).filter((key) => rows.some((row) => {
    const figures = row.programs[key] || {};
    return Object.values(figures).some((value) => value);
  }));
  const recipientsOf = (figures) => figures.recipient_families_change ?? figures.recipient_persons_change ?? 0;
  const body = rows.map((row) => {
    const cells = keys.map((key) => {
      const figures = row.programs[key] || { cost_change_idr: 0 };
      const recipients = recipientsOf(figures);
      return `<td class="num" data-program="${escapeHtml(key)}" data-cost="${figures.cost_change_idr}">${number(figures.cost_change_idr / 1e9, lang, 1)}${recipients ? `<br><small class="muted">${recipients > 0 ? "+" : ""}${number(recipients, lang)} ${t("recipients_short")}</small>` : ""}</td>`;
    }).join("");
    const p0 = row.poverty.headcount_rate_change * 100;
    const what = row.total ? `<strong>${t("breakdown_total")}</strong>` : dated(row.parameters, lang);
    return `<tr data-reform="${escapeHtml(name)}" data-step="${row.total ? "total" : row.step}" data-cost="${row.total_cost_change_idr}"${row.total ? ' class="total"' : ""}><td class="num">${row.step}</td><td>${what}</td>${cells}<td class="num"><strong>${number(row.total_cost_change_idr / 1e9, lang, 1)}</strong></td><td class="num ${p0 < 0 ? "pos" : p0 > 0 ? "neg" : ""}">${number(p0, lang, 3)}</td></tr>`;
  }).join("");
  const more = block.provision_count > block.provisions.length ? `<p class="muted">${t("breakdown_merged").replace("{n}", block.provision_count)}</p>` : "";
  return `<div class="card">${title}<p class="muted">${t("breakdown_note")}</p>${more}
    <div class="table-wrap"><table class="breakdown-table"><thead><tr><th class="num">#</th><th>${t("provision")}</th>${keys.map((key) => `<th class="num">${escapeHtml(programLabel(key))}</th>`).join("")}<th class="num">${t("breakdown_cost")}</th><th class="num">${t("p0_change")}</th></tr></thead><tbody>${body}</tbody></table></div></div>`;
}

function breakdownRecords(breakdown) {
  const records = [];
  for (const [reform, block] of Object.entries(breakdown || {})) {
    for (const row of block.provisions || []) {
      const record = { reform, step: row.step, parameters: JSON.stringify(row.parameters), total_cost_change_idr: row.total_cost_change_idr };
      for (const [key, figures] of Object.entries(row.programs)) for (const [measure, value] of Object.entries(figures)) record[`${measure}_${key}`] = value;
      for (const [measure, value] of Object.entries(row.poverty)) record[measure] = value;
      records.push(record);
    }
  }
  return records;
}

function provinceRows(result, scenario, lang) {
  const byProvince = {};
  for (const row of result.tables.by_province || []) {
    const entry = (byProvince[row.provinsi] ||= { cost: 0, base: 0 });
    if (row.scenario === scenario) entry.cost += row.cost_idr;
    if (row.scenario === "baseline") entry.base += row.cost_idr;
  }
  const poverty = {};
  for (const row of result.tables.poverty_by_province || []) (poverty[row.provinsi] ||= {})[row.scenario] = row.headcount_rate;
  const codes = Object.keys(byProvince).sort();
  const rows = codes.map((code) => {
    const change = byProvince[code].cost - byProvince[code].base;
    const p0 = poverty[code] || {};
    return `<tr><td>${code} ${escapeHtml(catalog.provinces[code] || "")}</td><td class="num">${number(change / 1e9, lang, 1)}</td><td class="num">${p0.baseline !== undefined ? percent(p0.baseline, lang, 2) : "–"}</td><td class="num">${p0[scenario] !== undefined ? number((p0[scenario] - p0.baseline) * 100, lang, 3) : "–"}</td></tr>`;
  }).join("");
  const sorted = codes.slice().sort((a, b) => (byProvince[a].cost - byProvince[a].base) - (byProvince[b].cost - byProvince[b].base));
  return { rows, names: sorted.map((c) => catalog.provinces[c] || c), costs: sorted.map((c) => (byProvince[c].cost - byProvince[c].base) / 1e9) };
}
