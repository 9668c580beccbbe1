// Printing: each print button prints its own document, which is checked as a PDF made by headless
// Chromium (page.pdf, A4) and read back with pdftotext (Debian's poppler-utils): its number of
// pages and its text. `window.print` is stubbed, so the click does everything the button does but
// open the dialog; page.pdf then prints the page as it stands. Expected numbers are computed here
// by hand from docs/methodology.md §3.1; names, targets and the library version come from the
// data files, not from the app.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { serveDist, launch, openPage, clickPrint, printPdf, browserToday, ROOT, WASTEWATER } from './harness.mjs';

const wastewater = (q, r, d, c1, c2) => q * r * d * (c1 - c2) * 1e-6;
/** A number as printed: grouped thousands, two decimals, ".00" left off. */
const shown = (x) => x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).replace(/\.00$/, '');
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Text with every space and line break removed (pdftotext breaks long cells and paragraphs). */
const squeeze = (s) => s.replace(/\s+/g, '');

/** Whether `name` is printed whole in `text`: in one piece, or wrapped onto further lines of its
 * cell, which the PDF's reading order may put after the row's other cells (a narrower name column
 * once more columns hold numbers). Each piece within one row's reach (300 characters) of the
 * previous one. */
function printedWhole(text, name) {
  const t = squeeze(text);
  const n = squeeze(name);
  // The name in pieces, in order, each piece straight after the previous one or within the
  // rest of its row's lines (at most 300 characters later): a name wrapped in its cell over any
  // number of lines.
  const from = (at, rest) => {
    if (rest === '') return true;
    for (let k = rest.length; k >= 1; k--) {
      const piece = rest.slice(0, k);
      for (let i = t.indexOf(piece, at); i >= 0 && i <= at + 300; i = t.indexOf(piece, i + 1)) {
        if (from(i + k, rest.slice(k))) return true;
      }
    }
    return false;
  };
  if (t.includes(n)) return true;
  for (let i = t.indexOf(n[0]); i >= 0; i = t.indexOf(n[0], i + 1)) {
    if (from(i, n)) return true;
  }
  return false;
}

const readJson = async (rel) => JSON.parse(await readFile(path.join(ROOT, rel), 'utf8'));
const LIBRARY = await readJson('crates/core/data/factors.json');
const SAMPLE = await readJson('crates/core/data/sample.json');
/** Interface words that must never be printed: buttons and dropdowns of the page. */
const CONTROLS = ['添加项目', '保存项目文件', '打印测算表', '打印县级报告', '导出', '撤销', '编辑', '删除', '复制'];

let server;
let browser;
before(async () => {
  server = await serveDist();
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

function assertNoControls(text) {
  for (const word of CONTROLS) assert.ok(!text.includes(word), `the printout shows the control word ${word}`);
}

test('the estimate prints on one A4 page: applicant, inputs with units, results, date, library, no controls', async () => {
  const { context, app, page, errors } = await openPage(browser);
  await page.goto(server.origin + '/');
  await app.ready();
  await app.type(WASTEWATER, 7);
  await app.fill('name', '城东污水处理厂三期');
  await app.field('enterprise').fill('示例水务有限公司');
  await app.field('township').fill('城东街道');
  // The sample: 10,000 m³/d, load 0.8, 365 d, COD 250 → 50, NH3-N 30 → 5, from July: 6 months.
  const cod = wastewater(10000, 0.8, 365, 250, 50);
  const nh3n = wastewater(10000, 0.8, 365, 30, 5);
  await app.waitForFull('cod_t', cod);

  assert.match(await clickPrint(page, '#print-estimate-button'), /\bprint-estimate\b/);
  const pdf = await printPdf(page, 'estimate');
  assert.equal(pdf.pages, 1, `the estimate takes ${pdf.pages} pages:\n${pdf.layout}`);
  const flat = squeeze(pdf.text);
  for (const s of ['减排量测算表', '城东污水处理厂三期', '示例水务有限公司', '城东街道', '污水处理']) {
    assert.ok(flat.includes(s), `the estimate lacks ${s}:\n${pdf.layout}`);
  }
  // Inputs with their units, results full-year then credited.
  assert.match(pdf.layout, /设计处理规模\s+10000\s+m³\/d/);
  assert.match(pdf.layout, /COD 治理前浓度\s+250\s+mg\/L/);
  assert.match(pdf.layout, new RegExp(`COD\\s+${escape(shown(cod))}\\s+${escape(shown(cod * 6 / 12))}\\s+吨`));
  assert.match(pdf.layout, new RegExp(`NH₃-N\\s+${escape(shown(nh3n))}\\s+${escape(shown(nh3n * 6 / 12))}\\s+吨`));
  assert.ok(flat.includes(squeeze(`系数库版本：${LIBRARY.version}`)), 'no factor-library version');
  assert.ok(flat.includes(`打印日期：${await browserToday(page)}`), 'no date');
  // Running title and page number in the page margins.
  assert.match(pdf.layout, /减排核算 · 减排量测算表/);
  assert.match(flat, /第1页\/共1页/);
  assertNoControls(pdf.text);
  // Nothing of the county: only the estimate is printed.
  assert.ok(!flat.includes(squeeze(SAMPLE.projects[1].name)), 'the county register is printed too');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a register project prints with its coefficients, their sources and status, and the override justification', async () => {
  const { context, app, page } = await openPage(browser);
  await page.goto(server.origin + '/');
  await app.ready();
  const p07 = SAMPLE.projects.find((p) => p.id === 'p07'); // coal-to-gas: raw coal and gas coefficients
  await page.locator('#register-table tr[data-id="p07"]').getByRole('button', { name: '编辑' }).click();
  await page.locator('#done-editing').waitFor();
  await clickPrint(page, '#print-estimate-button');
  const pdf = await printPdf(page, 'p07');
  // Eight steps and seven cited coefficients run on to a second page, never more.
  assert.ok(pdf.pages >= 1 && pdf.pages <= 2, `the estimate takes ${pdf.pages} pages:\n${pdf.layout}`);
  const flat = squeeze(pdf.text);
  assert.ok(flat.includes(squeeze(p07.name)), 'no project name');
  assert.ok(flat.includes(p07.township), 'no township');
  const rawCoal = LIBRARY.factors.find((f) => f.id === 'tce.raw_coal');
  assert.ok(flat.includes('tce.raw_coal'), 'no coefficient id');
  // Paper cites (standard, table, edition), in the document's language; the research note stays off it.
  assert.ok(flat.includes(squeeze(rawCoal.citation_zh).slice(0, 30)), `no citation of tce.raw_coal:\n${pdf.layout}`);
  assert.ok(!flat.includes(squeeze(rawCoal.source).slice(0, 30)), 'the research note is printed');
  assert.ok(flat.includes('二手来源'), 'no coefficient status');
  // The file-wide override of co2.per_tce, with its justification and the default it replaces.
  const co2 = SAMPLE.overrides['co2.per_tce'];
  assert.ok(flat.includes(squeeze(co2.note)), `no override justification:\n${pdf.layout}`);
  assert.ok(flat.includes(String(co2.value)), 'no override value');
  // No coefficient's row is cut by a page break: its id, value and the start and end of its
  // source are on one page; a page the coefficients table runs on to repeats its header.
  const used = LIBRARY.factors.filter((f) => flat.includes(f.id));
  assert.ok(used.length >= 5, `only ${used.length} coefficients printed`);
  for (const f of used) {
    const pages = pdf.perPage.map(squeeze);
    const at = pages.findIndex((t) => t.includes(f.id));
    const source = squeeze(f.citation_zh);
    assert.ok(pages[at].includes(source.slice(0, 12)) && pages[at].includes(source.slice(-12)),
      `the row of ${f.id} is cut across pages`);
    assert.ok(pages[at].includes('数值状态'), `page ${at + 1} has ${f.id} without the table header`);
  }
  assertNoControls(pdf.text);
  await context.close();
});

test('the county report prints on several pages: summary, targets, bulletin, register, appendix', async () => {
  const { context, app, page, errors } = await openPage(browser);
  await page.goto(server.origin + '/');
  await app.ready();
  // The report is drawn only while it is printed.
  assert.equal(await page.locator('#print-report tr').count(), 0);
  assert.match(await clickPrint(page, '#print-report-button'), /\bprint-report\b/);
  const pdf = await printPdf(page, 'report');
  assert.ok(pdf.pages >= 2, `the report takes ${pdf.pages} page(s)`);
  const flat = squeeze(pdf.text);
  for (const s of ['县级减排核算报告', SAMPLE.region, SAMPLE.title, String(SAMPLE.year)]) {
    assert.ok(flat.includes(squeeze(s)), `the report lacks ${s}`);
  }
  assert.ok(flat.includes(squeeze(`系数库版本：${LIBRARY.version}`)), 'no factor-library version');
  assert.ok(flat.includes(`打印日期：${await browserToday(page)}`), 'no date');
  // Every target of the file, as printed in the totals.
  for (const [key, target] of Object.entries(SAMPLE.targets)) {
    assert.ok(flat.includes(shown(target)), `no target of ${key} (${shown(target)})`);
  }
  // The bulletin paragraph, as the page shows it.
  const bulletin = await page.locator('#bulletin').textContent();
  assert.ok(bulletin.length > 20 && flat.includes(squeeze(bulletin)), `no bulletin:\n${pdf.layout}`);
  // The register: every project's id and name.
  for (const p of SAMPLE.projects) {
    assert.ok(printedWhole(flat, p.name), `the register lacks ${p.name}:\n${pdf.layout}`);
    assert.equal(pdf.text.split(/\s+/).filter((w) => w === p.id).length, 1, `${p.id} is not printed once`);
  }
  // The coefficient appendix and the override with its justification.
  assert.ok(flat.includes('附录：所用系数及来源'), 'no appendix');
  assert.ok(flat.includes('tce.raw_coal') && flat.includes(squeeze('GB/T 2589-2008')), 'no coefficient source');
  assert.ok(flat.includes(squeeze(SAMPLE.overrides['co2.per_tce'].note)), 'no override justification');
  // Each page has the running title and its number; the register's header row repeats on
  // every page it runs over.
  pdf.perPage.forEach((text, i) => {
    assert.ok(squeeze(text).includes(`第${i + 1}页/共${pdf.pages}页`), `page ${i + 1} has no page number`);
    assert.ok(text.includes('减排核算 · 县级减排核算报告'), `page ${i + 1} has no running title`);
  });
  const withRegister = pdf.perPage.filter((t) => SAMPLE.projects.some((p) => t.split(/\s+/).includes(p.id)));
  assert.ok(withRegister.length >= 2, 'the register fits one page: the repeated header is not tested');
  for (const t of withRegister) assert.ok(squeeze(t).includes('项目名称'), `a register page without the header:\n${t}`);
  assertNoControls(pdf.text);
  assert.ok(!flat.includes('减排量测算表'), 'the estimate is printed with the report');
  assert.deepEqual(errors, []);
  await context.close();
});

// The engine's numbers come from the CLI (`jianpai report`, built by `cargo test --workspace`
// before the specs run), the group names from its Chinese text report: the printout is checked
// against them, not against the page.
const CLI = path.join(ROOT, 'target/debug/jianpai');
const SAMPLE_PATH = path.join(ROOT, 'crates/core/data/sample.json');
const cli = (...args) => execFileSync(CLI, args, { encoding: 'utf8' });
/** Keys of the group tables (as the summary shows them) and of the printed charts, in order:
 * the sample is a file of 2026, so of the 2021 method (headline COD, NH₃-N, NOₓ, VOCs; the
 * sample has no VOCs, so no VOCs chart). */
const GROUP_KEYS = ['cod_t', 'nh3n_t', 'so2_t', 'nox_t', 'vocs_t', 'tce'];
const CHART_KEYS = { cod_t: 'COD', nh3n_t: 'NH₃-N', nox_t: 'NOₓ' };

/** A number as printed ("1,234.5") → 1234.5. */
const parse = (t) => Number(t.replace(/,/g, ''));
/** The whole-word numbers of a line of text, in order. */
const numbers = (line) => line.trim().split(/\s+/).filter((w) => /^-?\d{1,3}(,\d{3})*(\.\d+)?$/.test(w)).map(parse);
/** Whether a printed number is `want` at the two decimals shown (half a unit, plus float noise). */
const near = (got, want) => Math.abs(got - want) <= 0.005 + 1e-9 * Math.max(1, Math.abs(want));
const sameNumbers = (got, want) => got.length === want.length && got.every((g, i) => near(g, want[i]));

/** The group names of one section of the CLI's Chinese text report, in the JSON's order. */
function groupNames(text, heading) {
  const lines = text.split(heading)[1].split('\n\n')[0].trim().split('\n');
  return lines.map((l) => l.replace(/ \[\d+个项目\].*$/, ''));
}

test('the county report prints the charts and the group tables with the engine\'s numbers, no row or chart cut', async () => {
  const report = JSON.parse(cli('report', SAMPLE_PATH));
  const text = cli('report', SAMPLE_PATH, '--format', 'text', '--lang', 'zh');
  const { context, app, page } = await openPage(browser);
  await page.goto(server.origin + '/');
  await app.ready();
  await clickPrint(page, '#print-report-button');
  const pdf = await printPdf(page, 'report-charts');
  const layoutPages = pdf.layout.split('\f').slice(0, pdf.pages);
  const lines = pdf.layout.split('\n');

  // The group tables: one line per group with its name, project count and credited amounts
  // (blank where zero), each the CLI's number to the two decimals shown.
  const sections = [
    ['== 按类别（计入当年）==', report.by_category],
    ['== 按类型（计入当年）==', report.by_type],
    ['== 按乡镇（计入当年）==', report.by_township],
  ];
  for (const [heading, groups] of sections) {
    const names = groupNames(text, heading);
    assert.equal(names.length, groups.length, heading);
    groups.forEach((g, i) => {
      const want = GROUP_KEYS.map((k) => g.credited[k]).filter((v) => v !== 0);
      const row = new RegExp(`^\\s*${escape(names[i])}\\s+${g.projects}\\s+(.*)$`);
      const found = lines.map((l) => l.match(row)).filter(Boolean).map((m) => numbers(m[1]));
      assert.ok(found.some((got) => sameNumbers(got, want)),
        `no group row ${names[i]} ${g.projects} ${want.join(' ')} (rows: ${JSON.stringify(found)}):\n${pdf.layout}`);
    });
  }

  // The charts: progress (percent, achieved / target) and, for each pollutant, every township
  // and every type with its credited amount, all of one chart on the page of its title.
  const chartPage = (title) => {
    const at = layoutPages.findIndex((t) => squeeze(t).includes(squeeze(title)));
    assert.ok(at >= 0, `no chart ${title}:\n${pdf.layout}`);
    const t = squeeze(layoutPages[at]);
    return t.slice(t.indexOf(squeeze(title)));
  };
  const progress = chartPage('目标完成进度');
  const drawn = [...progress.matchAll(/([\d.]+)%·([\d,.]+)\/([\d,.]+)/g)].map((m) => m.slice(1).map(parse));
  for (const p of report.progress) {
    assert.ok(drawn.some(([pct, got, target]) => Math.abs(pct - p.percent) <= 0.05 + 1e-9
      && near(got, p.achieved) && near(target, p.target)),
    `the progress chart lacks ${p.key} ${p.percent}% ${p.achieved} / ${p.target}: ${JSON.stringify(drawn)}`);
  }
  const typeNames = Object.fromEntries(groupNames(text, '== 按类型（计入当年）==')
    .map((n, i) => [report.by_type[i].key, n]));
  for (const [key, label] of Object.entries(CHART_KEYS)) {
    for (const [title, groups, name] of [
      [`按乡镇（街道）本年度核算量 · ${label}`, report.by_township, (g) => g.key || '（未填乡镇）'],
      [`按措施类型本年度核算量 · ${label}`, report.by_type, (g) => typeNames[g.key]],
    ]) {
      const chart = chartPage(title);
      for (const g of groups.filter((x) => x.credited[key] !== 0)) {
        // The bar's name, then its value with the unit: direct labels, readable in grey.
        const m = chart.match(new RegExp(`${escape(squeeze(name(g)))}(-?[\\d,]+(?:\\.\\d+)?)吨`));
        assert.ok(m && near(parse(m[1]), g.credited[key]),
          `chart ${title} lacks ${name(g)} ${g.credited[key]} 吨 on its page (${m?.[1]}):\n${pdf.layout}`);
      }
    }
  }

  // No register row is cut: each project's id line ends with its numbers, and its whole name
  // is on that same page.
  const pages = pdf.perPage.map(squeeze);
  for (const p of report.projects) {
    const want = ['cod_t', 'nh3n_t', 'so2_t', 'nox_t', 'vocs_t', 'tce', 'water_t']
      .map((k) => p.credited[k]).filter((v) => v !== 0);
    const row = new RegExp(`^\\s*${p.id}\\s(.*)$`, 'm');
    const at = layoutPages.findIndex((t) => {
      const m = t.match(row);
      return m && sameNumbers(numbers(m[1]).slice(-want.length), want);
    });
    assert.ok(at >= 0, `no register row of ${p.id} with ${want.join(' ')}:\n${pdf.layout}`);
    assert.ok(printedWhole(pages[at], p.name), `the row of ${p.id} is cut across pages`);
  }
  await context.close();
});

test('the browser\'s own print (no button) gives the estimate; after printing, the report is put away', async () => {
  const { context, app, page } = await openPage(browser);
  await page.goto(server.origin + '/');
  await app.ready();
  await app.type(WASTEWATER, 7); // the form starts blank (issue 19 B3)
  const plain = await printPdf(page, 'plain');
  assert.equal(plain.pages, 1);
  assert.ok(squeeze(plain.text).includes('减排量测算表') && !plain.text.includes('县级减排核算报告'));
  assertNoControls(plain.text);
  await clickPrint(page, '#print-report-button');
  await page.locator('#print-report tr').first().waitFor({ state: 'attached' });
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await page.waitForFunction(() => !document.documentElement.classList.contains('print-report'));
  await page.waitForFunction(() => document.querySelectorAll('#print-report tr').length === 0);
  await context.close();
});

test('in English the estimate prints in English, with its own running title and page numbers', async () => {
  const { context, app, page } = await openPage(browser);
  await page.goto(server.origin + '/');
  await app.ready();
  await app.type(WASTEWATER, 7); // the form starts blank (issue 19 B3)
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await clickPrint(page, '#print-estimate-button');
  const pdf = await printPdf(page, 'english');
  assert.equal(pdf.pages, 1);
  for (const s of ['Emission-reduction estimate', 'Jianpai · Emission-reduction estimate', 'Page 1 of 1',
    `Printed on: ${await browserToday(page)}`, `Coefficient library: ${LIBRARY.version}`]) {
    assert.ok(pdf.text.includes(s), `the English estimate lacks ${s}:\n${pdf.layout}`);
  }
  for (const word of ['Add project', 'Save project file', 'Print estimate']) {
    assert.ok(!pdf.text.includes(word), `the printout shows the control word ${word}`);
  }
  await context.close();
});
