// Interface texts, Indonesian first; the rules' own texts come from the API in both languages.

const TEXTS = {
  skip: ["Langsung ke isi", "Skip to content"],
  tagline: ["PKH · Sembako · PBI-JK · ATENSI — aturan dengan rujukan hukum", "PKH · Sembako · PBI-JK · ATENSI — rules with legal references"],
  tab_calculator: ["Kalkulator keluarga", "Family calculator"],
  tab_simulator: ["Simulasi reformasi", "Reform simulator"],
  tab_rules: ["Jelajah aturan", "Rules explorer"],
  footer: ["Angka dihitung oleh server ini dari aturan yang diberi tanggal dan rujukan; tidak ada data yang dikirim ke tempat lain.", "Figures are computed by this server from dated, referenced rules; no data is sent anywhere else."],
  lang_button: ["English", "Bahasa Indonesia"],
  calc_title: ["Kalkulator keluarga", "Family calculator"],
  calc_intro: ["Susun sebuah keluarga, pilih bulan, dan lihat bantuan setiap program beserta alasannya. Hasil diperbarui setiap kali data diubah.", "Build a family, choose a month, and see each program's amount and why. Results update on every change."],
  example: ["Mulai dari contoh", "Start from an example"],
  month: ["Bulan", "Month"],
  family: ["Keluarga", "Family"],
  province: ["Provinsi", "Province"],
  urban: ["Perkotaan", "Urban"],
  dtks: ["Terdaftar di DTKS/DTSEN", "In the DTKS/DTSEN registry"],
  decile: ["Desil DTSEN (0 = tidak ada)", "DTSEN decile (0 = none)"],
  members: ["Anggota keluarga", "Family members"],
  add_member: ["+ Tambah anggota", "+ Add member"],
  remove: ["Hapus", "Remove"],
  name: ["Nama/ID", "Name/ID"],
  role: ["Peran", "Role"],
  role_kepala_keluarga: ["Kepala keluarga", "Head of family"],
  role_pasangan: ["Pasangan", "Spouse"],
  role_anak: ["Anak", "Child"],
  role_anggota_lain: ["Anggota lain", "Other member"],
  birth: ["Tanggal lahir", "Date of birth"],
  age: ["Umur", "Age"],
  sex: ["Jenis kelamin", "Sex"],
  sex_perempuan: ["Perempuan", "Female"],
  sex_laki_laki: ["Laki-laki", "Male"],
  school: ["Jenjang sekolah", "School level"],
  pregnant: ["Hamil", "Pregnant"],
  disability: ["Disabilitas berat", "Severe disability"],
  orphan: ["Status yatim/piatu", "Orphan status"],
  results: ["Hasil", "Results"],
  program: ["Program", "Program"],
  this_month: ["Bulan ini", "This month"],
  this_year: ["Setahun", "Whole year"],
  eligible: ["Layak?", "Eligible?"],
  yes: ["Ya", "Yes"],
  no: ["Tidak", "No"],
  total: ["Total", "Total"],
  why: ["Mengapa", "Why"],
  rules_used: ["Aturan yang dipakai", "Rules used"],
  per_month_chart: ["Bantuan per bulan sepanjang tahun", "Amount per month through the year"],
  round_trip: ["dihitung dalam", "computed in"],
  sim_title: ["Simulasi reformasi", "Reform simulator"],
  sim_intro: ["Pilih reformasi yang tersedia atau ubah parameter, lalu jalankan pada populasi bawaan tahun yang dipilih.", "Pick shipped reforms or change parameters, then run on the default population of the chosen year."],
  year: ["Tahun", "Year"],
  full_entitlement: ["Hak penuh (tanpa kuota dan tingkat penyerapan)", "Full entitlement (no quotas or take-up)"],
  shipped: ["Reformasi tersedia dan bacaan hukum alternatif", "Shipped reforms and alternative legal readings"],
  edit_params: ["Ubah parameter", "Edit a parameter"],
  search_param: ["Cari parameter…", "Search parameters…"],
  new_value: ["Nilai baru", "New value"],
  from_date: ["Berlaku sejak", "From"],
  add_change: ["Tambah perubahan", "Add change"],
  changes: ["Perubahan parameter", "Parameter changes"],
  none_yet: ["Belum ada.", "None yet."],
  run: ["Jalankan simulasi", "Run simulation"],
  running: ["Menghitung…", "Computing…"],
  queued: ["Menunggu giliran…", "Queued…"],
  done: ["Selesai", "Done"],
  failed: ["Gagal", "Failed"],
  share: ["Tautan hasil ini", "Link to this result"],
  download_yaml: ["Unduh reformasi (YAML)", "Download reform (YAML)"],
  download_json: ["Unduh hasil (JSON)", "Download result (JSON)"],
  download_csv: ["Unduh tabel (CSV)", "Download table (CSV)"],
  report: ["Laporan HTML", "HTML report"],
  cost_recipients: ["Biaya dan penerima per program", "Cost and recipients per program"],
  scenario: ["Skenario", "Scenario"],
  recipients: ["Penerima (juta)", "Recipients (million)"],
  cost: ["Biaya (Rp triliun)", "Cost (IDR trillion)"],
  change: ["Perubahan", "Change"],
  poverty: ["Kemiskinan dan ketimpangan", "Poverty and inequality"],
  p0: ["P0 tingkat kemiskinan", "P0 headcount rate"],
  p1: ["P1 indeks kedalaman", "P1 poverty gap"],
  p2: ["P2 indeks keparahan", "P2 poverty severity"],
  gini: ["Gini", "Gini"],
  winners: ["Untung dan rugi per desil pengeluaran", "Winners and losers by expenditure decile"],
  gaining: ["Untung", "Gaining"],
  losing: ["Rugi", "Losing"],
  avg_change: ["Rata-rata perubahan (Rp/tahun per keluarga)", "Average change (IDR/year per family)"],
  provinces: ["Per provinsi", "By province"],
  cost_change: ["Perubahan biaya (Rp miliar)", "Cost change (IDR billion)"],
  p0_change: ["Perubahan P0 (poin %)", "P0 change (points)"],
  targeting: ["Ketepatan sasaran", "Targeting"],
  inclusion: ["Kesalahan inklusi", "Inclusion error"],
  exclusion: ["Kesalahan eksklusi", "Exclusion error"],
  total_cost: ["Total biaya", "Total cost"],
  interval: ["interval 95%", "95% interval"],
  values_refs: ["Nilai menurut tanggal dan rujukannya", "Dated values and their references"],
  current_value: ["Nilai berlaku", "Current value"],
  rules_title: ["Jelajah aturan", "Rules explorer"],
  rules_intro: ["Program, parameter (nilai menurut waktu dengan rujukan hukum) dan variabel (rumus, apa yang dibaca, siapa yang membacanya).", "Programs, parameters (values over time with legal references) and variables (formula, what it reads, what reads it)."],
  programs: ["Program", "Programs"],
  parameters: ["Parameter", "Parameters"],
  variables: ["Variabel", "Variables"],
  search: ["Cari…", "Search…"],
  docs_page: ["Halaman dokumentasi", "Documentation page"],
  formula: ["Rumus", "Formula"],
  reads_parameters: ["Membaca parameter", "Reads parameters"],
  reads_variables: ["Membaca variabel", "Reads variables"],
  read_by: ["Dibaca oleh", "Read by"],
  unit: ["Satuan", "Unit"],
  entity: ["Entitas", "Entity"],
  period: ["Periode", "Period"],
  references: ["Rujukan", "References"],
  date: ["Tanggal", "Date"],
  value: ["Nilai", "Value"],
  quota: ["Kuota", "Quota"],
  amount_var: ["Variabel nilai", "Amount variable"],
  eligibility_var: ["Variabel kelayakan", "Eligibility variable"],
  take_up: ["Tingkat penyerapan", "Take-up"],
  input: ["Masukan (tanpa rumus)", "Input (no formula)"],
  choose: ["Pilih satu dari daftar.", "Choose one from the list."],
  no_reform: ["Pilih reformasi atau tambah perubahan parameter dulu.", "Pick a reform or add a parameter change first."],
  breakdown: ["Rincian per ketentuan", "Breakdown by provision"],
  breakdown_note: ["Ketentuan diterapkan satu per satu sesuai urutan reformasi: setiap baris adalah tambahan dari ketentuan itu di atas ketentuan-ketentuan sebelumnya, sehingga baris-baris menjumlah tepat ke seluruh reformasi; interaksi antarketentuan masuk ke ketentuan yang belakangan. Biaya dalam Rp miliar per program.", "Provisions are applied one after another in the reform's order: each row is what that provision adds on top of the ones above it, so the rows add up exactly to the whole reform; an interaction between provisions is counted in the later one. Costs in IDR billion per program."],
  breakdown_merged: ["Reformasi ini mengubah {n} parameter; parameter dari baris terakhir dan seterusnya diukur bersama.", "This reform changes {n} parameters; those from the last row on are measured together."],
  breakdown_total: ["Seluruh reformasi (jumlah baris)", "Whole reform (sum of the rows)"],
  breakdown_cost: ["Total (Rp miliar)", "Total (IDR billion)"],
  provision: ["Ketentuan (parameter, nilai baru sejak tanggal)", "Provision (parameter, new value from date)"],
  target_deciles: ["Desil sasaran", "Target deciles"],
  recipients_short: ["penerima", "recipients"],
  simulate_for: ["Simulasi pada populasi bawaan", "Simulation on the default population"],
};

let lang = "id";

export function getLang() {
  return lang;
}

export function setLang(value) {
  lang = value === "en" ? "en" : "id";
  document.documentElement.lang = lang;
  try {
    localStorage.setItem("bansos-lang", lang);
  } catch (error) {
    /* storage may be off: the choice then lasts for the page */
  }
  document.querySelectorAll("[data-i18n]").forEach((node) => {
    node.textContent = t(node.dataset.i18n);
  });
  document.querySelectorAll("[data-i18n-placeholder]").forEach((node) => {
    node.placeholder = t(node.dataset.i18nPlaceholder);
  });
}

export function savedLang() {
  try {
    return localStorage.getItem("bansos-lang") || "id";
  } catch (error) {
    return "id";
  }
}

export function t(key) {
  const pair = TEXTS[key];
  if (!pair) return key;
  return lang === "en" ? pair[1] : pair[0];
}

// A text the API gives in both languages ({id, en} or {label, label_en}).
export function pick(id, en) {
  return lang === "en" && en ? en : id;
}
