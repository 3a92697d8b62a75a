// Kalkulator keluarga: a family built in the page, /explain for the month and /calculate for
// every month of its year; recomputed on every change.
import { debounce, escapeHtml, getJSON, postJSON, rupiah } from "./api.js";
import { bars } from "./charts.js";
import { getLang, pick, t } from "./i18n.js";

const ROLES = ["kepala_keluarga", "pasangan", "anak", "anggota_lain"];
const ROLE_KEYS = { kepala_keluarga: "kepala_keluarga", pasangan: "pasangan", anak: "daftar_anak", anggota_lain: "daftar_anggota_lain" };
let root;
let catalog;
let state;
let controller = null;
let last = null;

export async function mount(section) {
  root = section;
  const [examples, programs, provinces, school, orphan] = await Promise.all([
    getJSON("/examples", { cached: true }),
    getJSON("/programs", { cached: true }),
    getJSON("/provinces", { cached: true }),
    getJSON("/variable/jenjang_pendidikan", { cached: true }),
    getJSON("/variable/status_yatim_piatu", { cached: true }),
  ]);
  catalog = { examples: examples.examples, programs: programs.programs, provinces: provinces.provinces, school: school.possibleValues, orphan: orphan.possibleValues };
  state = fromExample(catalog.examples[0]);
  renderForm();
  root.addEventListener("input", onInput);
  root.addEventListener("change", onInput);
  root.addEventListener("click", onClick);
  root.addEventListener("submit", (event) => event.preventDefault());
  compute();
}

export async function route(rest) {
  const name = rest[0];
  const example = catalog.examples.find((e) => e.name === name);
  if (example && state.example !== name) {
    state = fromExample(example);
    renderForm();
    compute();
  }
}

export function relabel() {
  renderForm();
  renderResults();
}

function inputYear(values, year) {
  if (!values) return undefined;
  return values[String(year)] ?? values.ETERNITY ?? Object.values(values)[0];
}

function fromExample(example) {
  const year = example.year;
  const situation = example.situation;
  const family = Object.values(situation.daftar_keluarga)[0];
  const roleOf = {};
  for (const role of ROLES) {
    const held = family[ROLE_KEYS[role]];
    for (const id of Array.isArray(held) ? held : held ? [held] : []) roleOf[id] = role;
  }
  const members = Object.entries(situation.daftar_individu).map(([id, person]) => ({
    id,
    role: roleOf[id] || "anggota_lain",
    birth: inputYear(person.tanggal_lahir, year) || `${year - 30}-01-01`,
    sex: inputYear(person.jenis_kelamin, year) || "laki_laki",
    school: inputYear(person.jenjang_pendidikan, year) || "tidak_sekolah",
    pregnant: Boolean(inputYear(person.hamil, year)),
    disability: Boolean(inputYear(person.disabilitas_berat, year)),
    orphan: inputYear(person.status_yatim_piatu, year) || "bukan",
  }));
  return {
    example: example.name,
    month: example.month,
    members,
    dtks: Boolean(inputYear(family.terdaftar_dtks, year)),
    decile: Number(inputYear(family.desil_dtsen, year) || 0),
    province: inputYear(family.provinsi, year) || "31",
    urban: Boolean(inputYear(family.perkotaan, year)),
  };
}

function ageAt(birth, month) {
  const [by, bm, bd] = birth.split("-").map(Number);
  const [y, m] = month.split("-").map(Number);
  let age = y - by;
  if (m < bm || (m === bm && 1 < bd)) age -= 1;
  return age;
}

function personId(text, used) {
  let id = String(text || "anggota").toLowerCase().replace(/[^a-z0-9_]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 40) || "anggota";
  if (/^\d/.test(id)) id = "p_" + id;
  id = id.replace(/\d{12,}/g, (digits) => digits.slice(0, 4));
  let unique = id;
  for (let n = 2; used.has(unique); n += 1) unique = `${id}_${n}`;
  used.add(unique);
  return unique;
}

export function situation(current = state) {
  const year = current.month.slice(0, 4);
  const used = new Set();
  const persons = {};
  const family = { kepala_keluarga: [], pasangan: [], daftar_anak: [], daftar_anggota_lain: [] };
  for (const member of current.members) {
    const id = personId(member.id, used);
    const person = { tanggal_lahir: { ETERNITY: member.birth }, jenis_kelamin: { ETERNITY: member.sex } };
    if (member.school !== "tidak_sekolah") person.jenjang_pendidikan = { [year]: member.school };
    if (member.pregnant) person.hamil = { [year]: true };
    if (member.disability) person.disabilitas_berat = { [year]: true };
    if (member.orphan !== "bukan") person.status_yatim_piatu = { [year]: member.orphan };
    persons[id] = person;
    family[ROLE_KEYS[member.role]].push(id);
  }
  for (const key of Object.keys(family)) if (!family[key].length) delete family[key];
  family.terdaftar_dtks = { [year]: current.dtks };
  family.desil_dtsen = { [year]: current.decile };
  family.provinsi = { ETERNITY: current.province };
  family.perkotaan = { ETERNITY: current.urban };
  return { daftar_individu: persons, daftar_keluarga: { keluarga: family } };
}

function options(values, selected, label = (key, text) => text) {
  return Object.entries(values).map(([key, text]) => `<option value="${escapeHtml(key)}"${key === selected ? " selected" : ""}>${escapeHtml(label(key, text))}</option>`).join("");
}

function memberRow(member, index) {
  const roles = Object.fromEntries(ROLES.map((r) => [r, t("role_" + r)]));
  const sexes = { perempuan: t("sex_perempuan"), laki_laki: t("sex_laki_laki") };
  const field = (name) => `data-index="${index}" data-field="${name}" id="m${index}-${name}"`;
  return `<div class="member" data-member="${index}">
    <div class="row">
      <div><label for="m${index}-id">${t("name")}</label><input ${field("id")} value="${escapeHtml(member.id)}" size="12"></div>
      <div><label for="m${index}-role">${t("role")}</label><select ${field("role")}>${options(roles, member.role)}</select></div>
      <div><label for="m${index}-birth">${t("birth")}</label><input type="date" ${field("birth")} value="${escapeHtml(member.birth)}"></div>
      <div><label for="m${index}-age">${t("age")}</label><input type="number" min="0" max="120" ${field("age")} value="${ageAt(member.birth, state.month)}" style="width:5em"></div>
      <div><label for="m${index}-sex">${t("sex")}</label><select ${field("sex")}>${options(sexes, member.sex)}</select></div>
      <div><label for="m${index}-school">${t("school")}</label><select ${field("school")}>${options(catalog.school, member.school)}</select></div>
      <div><label for="m${index}-orphan">${t("orphan")}</label><select ${field("orphan")}>${options(catalog.orphan, member.orphan)}</select></div>
    </div>
    <div class="row" style="margin-top:6px">
      <label class="check"><input type="checkbox" ${field("pregnant")}${member.pregnant ? " checked" : ""}>${t("pregnant")}</label>
      <label class="check"><input type="checkbox" ${field("disability")}${member.disability ? " checked" : ""}>${t("disability")}</label>
      <button type="button" class="small" data-remove="${index}" aria-label="${t("remove")} ${escapeHtml(member.id)}">${t("remove")}</button>
    </div>
  </div>`;
}

function renderForm() {
  const examples = catalog.examples.map((e) => `<option value="${e.name}"${e.name === state.example ? " selected" : ""}>${escapeHtml(e.label)}</option>`).join("");
  const provinces = catalog.provinces.map((p) => `<option value="${p.code}"${p.code === state.province ? " selected" : ""}>${p.code} ${escapeHtml(p.name)}</option>`).join("");
  const deciles = Array.from({ length: 11 }, (_, d) => `<option value="${d}"${d === state.decile ? " selected" : ""}>${d}</option>`).join("");
  root.innerHTML = `<h1>${t("calc_title")}</h1><p class="muted">${t("calc_intro")}</p>
  <div class="grid">
    <form class="card" id="family">
      <div class="row">
        <div style="flex:1;min-width:220px"><label for="example">${t("example")}</label><select id="example" data-field="example" style="width:100%"><option value="">—</option>${examples}</select></div>
        <div><label for="month">${t("month")}</label><input type="month" id="month" data-field="month" value="${state.month}" min="2017-01" max="2030-12"></div>
      </div>
      <h2>${t("family")}</h2>
      <div class="row">
        <div><label for="province">${t("province")}</label><select id="province" data-field="province">${provinces}</select></div>
        <div><label for="decile">${t("decile")}</label><select id="decile" data-field="decile">${deciles}</select></div>
      </div>
      <div class="row" style="margin-top:8px">
        <label class="check"><input type="checkbox" id="dtks" data-field="dtks"${state.dtks ? " checked" : ""}>${t("dtks")}</label>
        <label class="check"><input type="checkbox" id="urban" data-field="urban"${state.urban ? " checked" : ""}>${t("urban")}</label>
      </div>
      <h2>${t("members")}</h2>
      <div id="members">${state.members.map(memberRow).join("")}</div>
      <button type="button" id="add-member">${t("add_member")}</button>
    </form>
    <div id="calc-results" aria-live="polite"></div>
  </div>`;
  if (last) renderResults();
}

function onInput(event) {
  const node = event.target;
  const name = node.dataset.field;
  if (!name) return;
  if (name === "example") {
    const example = catalog.examples.find((e) => e.name === node.value);
    if (example && event.type === "change") {
      state = fromExample(example);
      renderForm();
      compute();
    }
    return;
  }
  if (node.dataset.index !== undefined) {
    const member = state.members[Number(node.dataset.index)];
    if (name === "age") {
      const age = Number(node.value);
      if (!Number.isInteger(age) || age < 0 || age > 120) return;
      const [y, m] = state.month.split("-").map(Number);
      member.birth = `${y - age}-${String(m).padStart(2, "0")}-01`;
      root.querySelector(`#m${node.dataset.index}-birth`).value = member.birth;
    } else if (node.type === "checkbox") {
      member[name] = node.checked;
    } else {
      member[name] = node.value;
      if (name === "birth" && node.value) root.querySelector(`#m${node.dataset.index}-age`).value = ageAt(node.value, state.month);
    }
  } else if (name === "month") {
    if (!/^\d{4}-\d{2}$/.test(node.value)) return;
    state.month = node.value;
    state.members.forEach((member, index) => {
      const age = root.querySelector(`#m${index}-age`);
      if (age) age.value = ageAt(member.birth, state.month);
    });
  } else if (name === "decile") {
    state.decile = Number(node.value);
  } else if (node.type === "checkbox") {
    state[name] = node.checked;
  } else {
    state[name] = node.value;
  }
  scheduled();
}

function onClick(event) {
  const remove = event.target.dataset.remove;
  if (remove !== undefined) {
    state.members.splice(Number(remove), 1);
    renderForm();
    compute();
  } else if (event.target.id === "add-member") {
    const [y] = state.month.split("-").map(Number);
    state.members.push({ id: `anak_${state.members.length + 1}`, role: "anak", birth: `${y - 8}-01-01`, sex: "perempuan", school: "sd", pregnant: false, disability: false, orphan: "bukan" });
    renderForm();
    compute();
    root.querySelector(`#m${state.members.length - 1}-id`)?.focus();
  }
}

const scheduled = debounce(() => compute(), 120);

function yearRequest(body, year) {
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`);
  const asked = Object.fromEntries(months.map((m) => [m, null]));
  for (const program of catalog.programs) {
    const target = program.unit === "keluarga" ? Object.values(body.daftar_keluarga) : Object.values(body.daftar_individu);
    for (const entity of target) entity[program.amount] = { ...asked };
  }
  return { body, months };
}

function yearTotals(answer, months) {
  const totals = {};
  for (const program of catalog.programs) {
    const entities = program.unit === "keluarga" ? Object.values(answer.daftar_keluarga) : Object.values(answer.daftar_individu);
    totals[program.key] = months.map((m) => entities.reduce((sum, e) => sum + Number(e[program.amount]?.[m] || 0), 0));
  }
  return totals;
}

async function compute() {
  if (controller) controller.abort();
  controller = new AbortController();
  const signal = controller.signal;
  const started = performance.now();
  const body = situation();
  const year = state.month.slice(0, 4);
  const { body: yearly, months } = yearRequest(situation(), year);
  try {
    const [explained, calculated] = await Promise.all([
      postJSON("/explain", { situation: body, month: state.month }, { signal }),
      postJSON("/calculate", yearly, { signal }),
    ]);
    last = { explained, totals: yearTotals(calculated, months), months, ms: performance.now() - started, error: null, month: state.month };
  } catch (error) {
    if (error.name === "AbortError") return;
    last = { error: error.message };
  }
  renderResults();
}

function parameterLinks(program, keys) {
  const parameters = program.parameters || {};
  const items = (keys || []).map((key) => parameters[key]).filter(Boolean);
  if (!items.length) return "";
  return `<ul class="refs">${items.map((p) => `<li><a href="#aturan/parameter/${encodeURIComponent(p.path)}">${escapeHtml(p.path)}</a> = ${escapeHtml(formatValue(p.value, p.unit))} (${escapeHtml(p.since)})${(p.references || []).slice(0, 2).map((r) => ` — <cite>${escapeHtml(r.title)}</cite>`).join("")}</li>`).join("")}</ul>`;
}

function formatValue(value, unit) {
  return unit === "currency-IDR" ? rupiah(value, getLang()) : String(value);
}

function explanation(program) {
  const lang = getLang();
  const conditions = (program.conditions || []).map((c) => `<div class="cond ${c.held ? "held" : "failed"}">${escapeHtml(pick(c.id, c.en))}${parameterLinks(program, c.parameters)}</div>`).join("");
  const people = (program.members || program.persons || []).map((p) => `<li>${escapeHtml(pick(p.id, p.en))}</li>`).join("");
  const components = (program.components || []).filter((c) => c.running || c.amount).map((c) => `<li>${escapeHtml(c.label)}: ${rupiah(c.amount, lang)}</li>`).join("");
  const decisive = Object.values(program.parameters || {}).filter((p) => p.decisive);
  const rules = decisive.length ? `<details><summary>${t("rules_used")} (${decisive.length})</summary><ul class="refs">${decisive.map((p) => `<li><a href="#aturan/parameter/${encodeURIComponent(p.path)}">${escapeHtml(p.path)}</a> = ${escapeHtml(formatValue(p.value, p.unit))} — ${escapeHtml(pick(p.description, p.label_en))}${(p.references || []).slice(0, 1).map((r) => `; <cite>${escapeHtml(r.title)}</cite>`).join("")}</li>`).join("")}</ul></details>` : "";
  return `${conditions}${people ? `<ul>${people}</ul>` : ""}${components ? `<ul>${components}</ul>` : ""}${rules}`;
}

function renderResults() {
  const node = root.querySelector("#calc-results");
  if (!node || !last) return;
  const lang = getLang();
  if (last.error) {
    node.innerHTML = `<div class="card"><p class="error" role="alert">${escapeHtml(last.error)}</p></div>`;
    return;
  }
  const family = last.explained.families[0];
  const monthIndex = Number(last.month.slice(5, 7)) - 1;
  const shown = catalog.programs.filter((p) => family.programs[p.key] || last.totals[p.key].some(Boolean));
  const rows = shown.map((p) => {
    const explained = family.programs[p.key] || {};
    const year = last.totals[p.key].reduce((a, b) => a + b, 0);
    const month = explained.amount ?? last.totals[p.key][monthIndex];
    const eligible = explained.eligible ?? (explained.eligible_persons !== undefined ? explained.eligible_persons > 0 : month > 0);
    const who = explained.eligible_persons !== undefined ? ` (${explained.eligible_persons})` : "";
    return `<tr data-program="${p.key}"><td>${escapeHtml(pick(p.label, p.label_en))}</td><td class="${eligible ? "yes" : "no"}">${eligible ? t("yes") : t("no")}${who}</td><td class="num" data-month-amount="${month}">${rupiah(month, lang)}</td><td class="num" data-year-amount="${year}">${rupiah(year, lang)}</td></tr>`;
  });
  const monthTotal = shown.reduce((sum, p) => sum + Number((family.programs[p.key] || {}).amount ?? last.totals[p.key][monthIndex]), 0);
  const yearTotal = shown.reduce((sum, p) => sum + last.totals[p.key].reduce((a, b) => a + b, 0), 0);
  const cards = shown.filter((p) => family.programs[p.key]).map((p) => {
    const explained = family.programs[p.key];
    const docs = p.docs ? ` · <a href="#aturan/program">${t("programs")}</a>` : "";
    return `<details class="card" ${explained.amount ? "open" : ""}><summary><strong>${escapeHtml(pick(p.label, p.label_en))}</strong> — ${escapeHtml(pick(explained.summary?.id, explained.summary?.en))}</summary>${explanation(explained)}<p class="muted">${t("amount_var")}: <a href="#aturan/variabel/${p.amount}">${p.amount}</a>${docs}</p></details>`;
  });
  node.innerHTML = `<div class="card"><h2>${t("results")} — ${escapeHtml(last.month)}</h2>
    <div class="table-wrap"><table id="calc-table"><thead><tr><th>${t("program")}</th><th>${t("eligible")}</th><th class="num">${t("this_month")}</th><th class="num">${t("this_year")} ${last.month.slice(0, 4)}</th></tr></thead>
    <tbody>${rows.join("")}</tbody><tfoot><tr><th>${t("total")}</th><th></th><th class="num" id="total-month">${rupiah(monthTotal, lang)}</th><th class="num" id="total-year">${rupiah(yearTotal, lang)}</th></tr></tfoot></table></div>
    <p class="muted" id="round-trip">${t("round_trip")} ${Math.round(last.ms)} ms</p>
    <h3>${t("per_month_chart")}</h3><div class="chart" id="calc-chart"></div></div>
    <h2>${t("why")}</h2>${cards.join("")}`;
  const traces = shown.filter((p) => last.totals[p.key].some(Boolean)).map((p) => ({ name: pick(p.label, p.label_en), x: last.months, y: last.totals[p.key] }));
  bars(node.querySelector("#calc-chart"), traces, { stacked: true, yTitle: "Rp", height: 380 });
}
