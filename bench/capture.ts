/**
 * `npm run bench:capture`: lead extraction scored on the third-party corpus in
 * ../shared/capture-corpus (per-field precision, recall and F1 for mail, pages and the Chinese
 * items; reply-text and signature accuracy; leaked strings; median time per message), then on
 * our own 62 fixtures in tests/fixtures/capture (written beside the extractor, so they say less),
 * and the median time from the capture action to the record saved locally, measured in Chromium
 * with the extension's own reader, extractor and Dexie write path.
 * `npm run bench:capture -- --details` also lists every corpus item that scored a miss.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runBin } from '../scripts/lib/processes';
import { launchWithExtension } from '../tests/e2e/harness';
import { extract, FIELDS, loadCorpus, score } from '../tests/fixtures/capture/corpus';
import { percentile, report, type Figure } from './lib/stats';
import { scoreCorpus } from './lib/corpusScore';
import { corpusAvailable, CORPUS_DIR } from '../tests/fixtures/capture/sharedCorpus';

if (!corpusAvailable()) throw new Error(`the capture corpus is missing at ${CORPUS_DIR}`);
const shared = await scoreCorpus();
if (process.argv.includes('--details')) for (const line of shared.details) console.log(line);

const corpus = loadCorpus();
const totals = Object.fromEntries(FIELDS.map((f) => [f, { tp: 0, fp: 0, fn: 0 }])) as Record<(typeof FIELDS)[number], { tp: number; fp: number; fn: number }>;
for (const fixture of corpus) {
  const result = score(fixture.expected, extract(fixture).lead);
  for (const field of FIELDS) for (const k of ['tp', 'fp', 'fn'] as const) totals[field][k] += result[field][k];
}

// Extraction time per email: each mail fixture 200 times after warm-up; the median of medians.
const mails = corpus.filter((f) => f.input.kind === 'mail');
const perEmail = mails.map((fixture) => {
  for (let i = 0; i < 20; i++) extract(fixture);
  const runs = Array.from({ length: 200 }, () => {
    const t = performance.now();
    extract(fixture);
    return performance.now() - t;
  });
  return percentile(runs, 50);
});

const scratch = mkdtempSync(join(tmpdir(), 'sidecar-bench-capture-'));
let captureTimes: number[] = [];
try {
  runBin('wxt', ['build'], { env: { SIDECAR_BENCH: '1', SIDECAR_OUT_DIR: scratch } });
  const browser = await launchWithExtension(join(scratch, 'chrome-mv3'));
  try {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/bench.html`);
    await page.waitForSelector('body[data-ready="true"]');
    const html = readFileSync(join(ROOT, 'tests/e2e/pages/gmail.html'), 'utf8');
    const result = (await page.evaluate(
      ([h]) => (globalThis as unknown as { sidecarBench: { captureToSaved: (h: string, n: number) => Promise<{ times: number[]; saved: number }> } }).sidecarBench.captureToSaved(h, 60),
      [html] as const,
    )) as { times: number[]; saved: number };
    if (result.saved !== 60) throw new Error(`expected 60 saved contacts, found ${result.saved}`);
    captureTimes = result.times.slice(10); // first runs warm the JIT and IndexedDB
  } finally {
    await browser.close();
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const figures: Figure[] = [...shared.figures];
for (const field of FIELDS) {
  const { tp, fp, fn } = totals[field];
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  figures.push({ name: `own fixtures ${field} precision`, unit: 'ratio', value: precision }, { name: `own fixtures ${field} recall`, unit: 'ratio', value: recall }, { name: `own fixtures ${field} F1`, unit: 'ratio', value: f1 });
}
figures.push(
  { name: 'own fixtures extraction per email, median', unit: 'ms', value: percentile(perEmail, 50) },
  { name: 'capture to saved locally (Chromium), median', unit: 'ms', value: percentile(captureTimes, 50) },
  { name: 'capture to saved locally (Chromium), p95', unit: 'ms', value: percentile(captureTimes, 95) },
);
report('capture', figures, [
  '(corpus: ../shared/capture-corpus, 141 messages and 33 page records with answer keys; phones match on E.164 and extension, or on the digits as typed when the key has no certain country code)',
  `(own fixtures: ${corpus.length}, ${mails.length} of them emails, written alongside the extractor)`,
]);
