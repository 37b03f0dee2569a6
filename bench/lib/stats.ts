import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../scripts/lib/processes';

export interface Figure {
  name: string;
  unit: string;
  value: number;
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/** Prints a table and writes bench/results/NAME.json in github-action-benchmark's format. */
export function report(name: string, figures: Figure[], notes: string[] = []): void {
  const width = Math.max(...figures.map((f) => f.name.length));
  console.log(`\n${name}`);
  console.log(`${'figure'.padEnd(width)}  ${'value'.padStart(10)}  unit`);
  for (const f of figures) console.log(`${f.name.padEnd(width)}  ${f.value.toFixed(2).padStart(10)}  ${f.unit}`);
  for (const note of notes) console.log(note);
  const dir = join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(figures.map((f) => ({ ...f, value: Number(f.value.toFixed(3)) })), null, 2)}\n`);
}
