// Shared set-up of the JS-module tests: the Node build (dist/js/node, from scripts/build-js.sh),
// the native CLI (target/debug/jianpai, built by the test script) and the files compared on both.
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MODULE = path.join(ROOT, 'dist/js/node/jianpai.js');
const CLI = process.env.JIANPAI_CLI ?? path.join(ROOT, 'target/debug/jianpai');
if (!existsSync(MODULE)) throw new Error(`${MODULE} is missing: run bash scripts/build-js.sh`);
if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run cargo build -p jianpai-cli`);

/** The Node build of the module. */
export const jianpai = createRequire(import.meta.url)(MODULE);

export const SAMPLE_PATH = path.join(ROOT, 'crates/core/data/sample.json');
export const SAMPLE_TEXT = readFileSync(SAMPLE_PATH, 'utf8');

/** Runs the CLI: its exit code, stdout and stderr. */
export function cli(...args) {
  const r = spawnSync(CLI, args, { encoding: 'utf8' });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `jianpai report FILE` as parsed JSON (the CLI must succeed). */
export function cliReport(file) {
  const r = cli('report', file);
  if (r.code !== 0) throw new Error(`jianpai report ${file} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** Writes `text` to a fresh temporary file and returns its path. */
export function tempFile(name, text) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'jianpai-js-')), name);
  writeFileSync(file, text);
  return file;
}

/** The measure types (the file-format contract, docs/file-format.md). */
export const TYPES = ['wastewater', 'desulfurization', 'denitrification', 'flue_gas', 'fuel_switch',
  'boiler_phaseout', 'livestock', 'capacity_phaseout', 'energy_saving', 'measured',
  'vocs_treatment', 'vocs_ldar', 'vocs_oil_vapour', 'reclaimed_water', 'rural_sewage', 'leachate'];

/** A project of each type the sample has none of (docs/methodology.md §8's VOCs examples). */
const NOT_IN_SAMPLE = {
  vocs_treatment: { id: 'v1', name: 'VOCs treatment', measure: { type: 'vocs_treatment', generated_t: 100,
    capture_before_pct: 30, removal_before_pct: 50, capture_type: 'enclosure_fast', removal_after_pct: 90 } },
  vocs_ldar: { id: 'v2', name: 'LDAR', measure: { type: 'vocs_ldar', fugitive_before_t: 12.5, fugitive_after_t: 4 } },
  vocs_oil_vapour: { id: 'v3', name: 'Vapour recovery', measure: { type: 'vocs_oil_vapour', throughput_t: 50000,
    loss_kg_per_t: 2, recovery_after_pct: 90 } },
};

/** A file with one project of every measure type: the sample's first project of each type. */
export function everyTypeFile() {
  const sample = JSON.parse(SAMPLE_TEXT);
  const projects = TYPES.map((t) => {
    const p = sample.projects.find((q) => q.measure.type === t) ?? NOT_IN_SAMPLE[t];
    if (!p) throw new Error(`the sample has no ${t} project`);
    return p;
  });
  return { ...sample, title: 'one project of every type', projects };
}
