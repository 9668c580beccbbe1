// Example use of the Jianpai engine's browser module: compute a project file, show totals and errors.
import init, { compute, versions } from '../../dist/js/web/jianpai.js';

const SAMPLE = new URL('../../crates/core/data/sample.json', import.meta.url);
const KEYS = [
  ['cod_t', 'COD (t/a)'], ['nh3n_t', 'NH₃-N (t/a)'], ['so2_t', 'SO₂ (t/a)'], ['nox_t', 'NOₓ (t/a)'],
  ['vocs_t', 'VOCs (t/a)'],
  ['tce', '节约标煤 Standard coal (tce)'], ['water_t', '节水 Water (t)'], ['co2_t', 'CO₂ (t)'],
  ['enterprises', '企业 Enterprises'], ['equipment', '设备 Equipment'], ['boilers', '锅炉 Boilers'],
];
const $ = (id) => document.getElementById(id);
const shown = (n) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** Shows a compute() result: the totals table, or every error with its project and field. */
function show(name, result) {
  $('result-title').textContent = `结果 · Result: ${name}`;
  const body = $('totals').querySelector('tbody');
  body.replaceChildren();
  $('errors').replaceChildren();
  $('totals').hidden = !result.ok;
  $('bulletin').hidden = !result.ok;
  $('errors').hidden = result.ok;
  $('warnings').hidden = !result.ok;
  if (!result.ok) {
    for (const e of result.errors) {
      const li = document.createElement('li');
      li.dataset.project = e.project ?? '';
      li.dataset.field = e.field ?? '';
      li.dataset.code = e.kind.code;
      li.textContent = `${e.message_zh} · ${e.message_en}`;
      $('errors').append(li);
    }
    return;
  }
  const { report } = result;
  for (const [key, label] of KEYS) {
    const tr = document.createElement('tr');
    tr.dataset.key = key;
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = label;
    tr.append(th);
    for (const [cls, value] of [['credited', report.totals[key]], ['full-year', report.full_year_totals[key]]]) {
      const td = document.createElement('td');
      td.className = `num ${cls}`;
      td.dataset.value = String(value); // the exact number, for scripts and tests
      td.textContent = shown(value);
      tr.append(td);
    }
    body.append(tr);
  }
  $('bulletin').textContent = `${report.bulletin.zh} ${report.bulletin.en}`;
  const warnings = report.projects.reduce((n, p) => n + p.warnings.length, 0);
  $('warnings').textContent = `${report.projects.length} 个项目，${warnings} 条提示 · ${report.projects.length} projects, ${warnings} warnings`;
}

async function main() {
  try {
    await init(); // fetches jianpai_bg.wasm from beside jianpai.js (same origin)
  } catch (e) {
    $('status').textContent = `模块未能加载 · The module did not load: ${e}`;
    return;
  }
  const v = versions();
  $('status').textContent = `就绪 · Ready: ${v.format}, factor library ${v.factor_library}`;
  $('run-sample').disabled = false;
  $('run-pasted').disabled = false;
  $('run-sample').addEventListener('click', async () => {
    const text = await (await fetch(SAMPLE)).text();
    $('file-text').value = text;
    show('sample.json', compute(text));
  });
  // The pasted text goes in as it is: compute() reports bad JSON as a typed error, it never throws.
  $('run-pasted').addEventListener('click', () => show('pasted', compute($('file-text').value)));
}

main();
