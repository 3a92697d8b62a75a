// Jelajah aturan: programs (/programs), parameters (/parameters, /parameter/<id>) and
// variables (/variables, /variable/<id>, /dependencies/<id>), each linked to its docs page.
import { escapeHtml, getJSON, number } from "./api.js";
import { steps } from "./charts.js";
import { getLang, pick, t } from "./i18n.js";

let root;
let catalog;
let view = { kind: "program", id: null };

export async function mount(section) {
  root = section;
  const [programs, parameters, variables] = await Promise.all([
    getJSON("/programs", { cached: true }),
    getJSON("/parameters", { cached: true }),
    getJSON("/variables", { cached: true }),
  ]);
  catalog = {
    programs: programs.programs,
    docsUrl: programs.docs_url ? programs.docs_url.replace(/\/?$/, "/") : "",
    parameters: Object.entries(parameters).map(([id, p]) => ({ id, description: p.description || "" })),
    variables: Object.entries(variables).map(([id, v]) => ({ id, description: v.description || "" })),
  };
  root.addEventListener("input", (event) => {
    if (event.target.id === "rules-search") renderList(event.target.value);
  });
}

export async function route(rest) {
  const kind = { parameter: "parameter", variabel: "variable", program: "program" }[rest[0]] || "program";
  view = { kind, id: rest.slice(1).join("/") || null };
  await render();
}

export function relabel() {
  render();
}

function docsLink(page) {
  // Absolute when the server knows the docs site's address, else the page's path in the site.
  if (!page) return "";
  if (/^https?:\/\//.test(page)) return ` <a class="docs" href="${escapeHtml(page)}" data-docs="${escapeHtml(page)}" rel="noopener">${t("docs_page")}</a>`;
  return ` <span class="muted docs" data-docs="${escapeHtml(page)}">${t("docs_page")}: <code>${escapeHtml(page)}</code></span>`;
}

async function render() {
  const tabs = [["program", "program", t("programs")], ["parameter", "parameter", t("parameters")], ["variable", "variabel", t("variables")]];
  root.innerHTML = `<h1>${t("rules_title")}</h1><p class="muted">${t("rules_intro")}</p>
    <nav class="subnav" aria-label="${t("rules_title")}">${tabs.map(([kind, slug, text]) => `<a href="#aturan/${slug}"${kind === view.kind ? ' aria-current="page"' : ""}>${text}</a>`).join("")}</nav>
    <div id="rules-body"></div>`;
  const body = root.querySelector("#rules-body");
  if (view.kind === "program") return renderPrograms(body);
  body.innerHTML = `<div class="grid"><div><input type="search" id="rules-search" placeholder="${t("search")}" aria-label="${t("search")}" style="width:100%"><div class="list" id="rules-list" style="margin-top:6px;max-height:640px"></div></div><div id="rules-detail" aria-live="polite"></div></div>`;
  renderList("");
  const detail = body.querySelector("#rules-detail");
  if (!view.id) {
    detail.innerHTML = `<p class="muted card">${t("choose")}</p>`;
    return;
  }
  try {
    if (view.kind === "parameter") await renderParameter(detail, view.id);
    else await renderVariable(detail, view.id);
  } catch (error) {
    detail.innerHTML = `<p class="error card" role="alert">${escapeHtml(error.message)}</p>`;
  }
}

function renderList(filter) {
  const list = root.querySelector("#rules-list");
  if (!list) return;
  const needle = filter.trim().toLowerCase();
  const items = view.kind === "parameter" ? catalog.parameters : catalog.variables;
  const slug = view.kind === "parameter" ? "parameter" : "variabel";
  const groups = {};
  for (const item of items) {
    if (needle && !item.id.toLowerCase().includes(needle) && !item.description.toLowerCase().includes(needle)) continue;
    const group = view.kind === "parameter" ? item.id.split(".")[0] : item.id.split("_")[0];
    (groups[group] ||= []).push(item);
  }
  // variables whose first word is theirs alone go together rather than one group each
  const other = getLang() === "en" ? "other" : "lainnya";
  for (const [group, members] of Object.entries(groups)) {
    if (members.length === 1 && view.kind !== "parameter") {
      (groups[other] ||= []).push(...members);
      delete groups[group];
    }
  }
  list.innerHTML = Object.entries(groups).sort().map(([group, members]) => `<details${needle || members.some((m) => m.id === view.id) ? " open" : ""}><summary>${escapeHtml(group)} (${members.length})</summary>${members.sort((a, b) => a.id.localeCompare(b.id)).map((m) => `<a class="item" style="display:block;padding:4px 10px;text-decoration:none;border-bottom:1px solid #eef2f6${m.id === view.id ? ";background:#e3ecf5" : ""}" href="#aturan/${slug}/${encodeURIComponent(m.id)}">${escapeHtml(m.id)}<small style="display:block;color:#5b6b7c">${escapeHtml(m.description)}</small></a>`).join("")}</details>`).join("");
}

function renderPrograms(body) {
  const link = (kind, id) => (id ? `<a href="#aturan/${kind}/${encodeURIComponent(id)}">${escapeHtml(id)}</a>` : "–");
  body.innerHTML = `<div class="grid-wide">${catalog.programs.map((p) => `<div class="card" data-program="${p.key}"><h2>${escapeHtml(pick(p.label, p.label_en))}</h2>
    <p class="muted">${escapeHtml(getLang() === "en" ? p.label : p.label_en)}</p>
    <table><tbody>
      <tr><th>${t("unit")}</th><td>${p.unit}</td></tr>
      <tr><th>${t("amount_var")}</th><td>${link("variabel", p.amount)}</td></tr>
      <tr><th>${t("eligibility_var")}</th><td>${link("variabel", p.eligibility)}</td></tr>
      <tr><th>${t("quota")}</th><td>${link("parameter", p.quota)}</td></tr>
      <tr><th>${t("take_up")}</th><td>${link("parameter", p.take_up)}</td></tr>
      ${p.components.length ? `<tr><th>+</th><td>${p.components.map((c) => link("variabel", c)).join(", ")}</td></tr>` : ""}
    </tbody></table>${docsLink(p.docs)}</div>`).join("")}</div>`;
}

function valueText(value, unit) {
  if (typeof value === "number" && unit === "currency-IDR") return "Rp" + number(value, getLang());
  if (typeof value === "number") return number(value, getLang(), Number.isInteger(value) ? 0 : 4);
  if (value && typeof value === "object") return JSON.stringify(value);
  return String(value);
}

async function renderParameter(node, id) {
  const parameter = await getJSON(`/parameter/${encodeURIComponent(id)}`, { cached: true });
  const metadata = parameter.metadata || {};
  const unit = metadata.unit;
  const values = parameter.values || {};
  const dates = Object.keys(values).sort();
  const references = metadata.reference || {};
  const rows = dates.slice().reverse().map((date) => `<tr data-date="${date}"><td class="nowrap">${date}</td><td class="num">${escapeHtml(valueText(values[date], unit))}</td><td>${(references[date] || []).map((r) => `<div class="reference"><cite>${escapeHtml(r.title)}</cite>${r.note ? `<br><small class="muted">${escapeHtml(r.note)}</small>` : ""}${r.sources ? `<br><small class="muted">${escapeHtml(r.sources.join(", "))}</small>` : ""}</div>`).join("")}</td></tr>`).join("");
  const page = `${catalog.docsUrl}reference/parameters/${id.replace(/\./g, "/")}/`;
  const readers = await readersOf(id);
  node.innerHTML = `<div class="card" id="parameter-detail" data-parameter="${escapeHtml(id)}"><h2>${escapeHtml(id)}</h2>
    <p>${escapeHtml(parameter.description || "")}</p>${metadata.label_en ? `<p class="muted">${escapeHtml(metadata.label_en)}</p>` : ""}
    <p><span class="tag">${t("unit")}: ${escapeHtml(unit || "–")}</span>${metadata.period ? `<span class="tag">${t("period")}: ${escapeHtml(metadata.period)}</span>` : ""}${metadata.last_checked ? `<span class="tag">✓ ${escapeHtml(metadata.last_checked)}</span>` : ""}${docsLink(page)}</p>
    ${parameter.documentation ? `<p class="muted">${escapeHtml(parameter.documentation)}</p>` : ""}
    <div class="chart" id="parameter-chart" style="min-height:280px"></div>
    <h3>${t("values_refs")}</h3><div class="table-wrap"><table id="parameter-values"><thead><tr><th>${t("date")}</th><th class="num">${t("value")}</th><th>${t("references")}</th></tr></thead><tbody>${rows}</tbody></table></div>
    ${readers.length ? `<h3>${t("read_by")}</h3><p>${readers.map((v) => `<a href="#aturan/variabel/${v}">${v}</a>`).join(", ")}</p>` : ""}</div>`;
  const numeric = dates.filter((d) => typeof values[d] === "number" || typeof values[d] === "boolean");
  if (numeric.length) {
    const today = new Date().toISOString().slice(0, 10);
    const x = [...numeric, today > numeric[numeric.length - 1] ? today : numeric[numeric.length - 1]];
    const y = x.map((d, i) => Number(values[numeric[Math.min(i, numeric.length - 1)]]));
    steps(node.querySelector("#parameter-chart"), x, y, { yTitle: unit || "" });
  } else node.querySelector("#parameter-chart").remove();
}

async function readersOf(parameterId) {
  // Which variables read a parameter: from each candidate's dependencies, asked only for
  // variables whose formulas could mention it (same program prefix), to keep requests few.
  const prefix = parameterId.split(".")[0];
  const candidates = catalog.variables.filter((v) => v.id.startsWith(prefix) || parameterId.startsWith("registri") || parameterId.startsWith("penyaluran")).slice(0, 60);
  const found = await Promise.all(candidates.map((v) => getJSON(`/dependencies/${encodeURIComponent(v.id)}`, { cached: true }).catch(() => null)));
  return found.filter((d) => d && d.reads_parameters.some((p) => p.id === parameterId)).map((d) => d.name);
}

async function renderVariable(node, id) {
  const [variable, deps] = await Promise.all([getJSON(`/variable/${encodeURIComponent(id)}`, { cached: true }), getJSON(`/dependencies/${encodeURIComponent(id)}`, { cached: true })]);
  const formulas = Object.entries(variable.formulas || {});
  const possible = variable.possibleValues ? `<p>${Object.entries(variable.possibleValues).map(([k, v]) => `<span class="tag">${escapeHtml(k)}</span> ${escapeHtml(v)}`).join("<br>")}</p>` : "";
  const link = (kind, name) => `<a href="#aturan/${kind}/${encodeURIComponent(name)}">${escapeHtml(name)}</a>`;
  node.innerHTML = `<div class="card" id="variable-detail" data-variable="${escapeHtml(id)}"><h2>${escapeHtml(id)}</h2>
    <p>${escapeHtml(variable.description || "")}</p>
    <p><span class="tag">${t("entity")}: ${escapeHtml(variable.entity)}</span><span class="tag">${t("period")}: ${escapeHtml(variable.definitionPeriod)}</span><span class="tag">${escapeHtml(variable.valueType)}</span> <span class="muted">${escapeHtml(deps.file)}</span>${docsLink(deps.docs)}</p>
    ${variable.documentation ? `<p class="muted">${escapeHtml(variable.documentation)}</p>` : ""}${possible}
    ${(variable.references || []).length ? `<h3>${t("references")}</h3><ul class="refs">${variable.references.map((r) => `<li>${escapeHtml(r)}</li>`).join("")}</ul>` : ""}
    <h3>${t("formula")}</h3>${formulas.length ? formulas.map(([date, f]) => `<p class="muted">${date}</p><pre class="code">${escapeHtml(f.content)}</pre>`).join("") : `<p class="muted">${t("input")}</p>`}
    <h3>${t("reads_parameters")}</h3><p>${deps.reads_parameters.map((p) => link("parameter", p.id)).join(", ") || "–"}</p>
    <h3>${t("reads_variables")}</h3><p>${deps.reads_variables.map((v) => link("variabel", v)).join(", ") || "–"}</p>
    <h3>${t("read_by")}</h3><p id="read-by">${deps.read_by.map((v) => link("variabel", v)).join(", ") || "–"}</p></div>`;
}
