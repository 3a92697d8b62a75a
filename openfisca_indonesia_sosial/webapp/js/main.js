// The page's router: #kalkulator, #simulasi[?s=...], #aturan[/parameter/<id>|/variabel/<id>].
import { getLang, savedLang, setLang, t } from "./i18n.js";
import * as calculator from "./calculator.js";
import * as simulator from "./simulator.js";
import * as explorer from "./explorer.js";

const PARTS = { kalkulator: calculator, simulasi: simulator, aturan: explorer };
const mounted = new Set();

function parseHash() {
  const hash = decodeURIComponent(location.hash.replace(/^#/, "")) || "kalkulator";
  const [path, query = ""] = hash.split("?");
  const [tab, ...rest] = path.split("/");
  return { tab: PARTS[tab] ? tab : "kalkulator", rest, query: new URLSearchParams(query) };
}

async function route() {
  const { tab, rest, query } = parseHash();
  for (const name of Object.keys(PARTS)) {
    document.getElementById(name).hidden = name !== tab;
    const link = document.querySelector(`nav a[data-tab="${name}"]`);
    if (name === tab) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  const part = PARTS[tab];
  const section = document.getElementById(tab);
  try {
    if (!mounted.has(tab)) {
      mounted.add(tab);
      await part.mount(section);
    }
    await part.route(rest, query);
  } catch (error) {
    showFatal(error);
  }
}

export function showFatal(error) {
  const node = document.getElementById("fatal");
  node.hidden = false;
  node.textContent = error && error.message ? error.message : String(error);
}

function applyLang(value) {
  setLang(value);
  document.getElementById("lang").textContent = t("lang_button");
  for (const name of mounted) PARTS[name].relabel();
}

document.getElementById("lang").addEventListener("click", () => applyLang(getLang() === "id" ? "en" : "id"));
window.addEventListener("hashchange", route);
applyLang(savedLang());
route();
