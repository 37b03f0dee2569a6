import type { CountryCode } from 'libphonenumber-js';
import {
  emptyCounts,
  extractMailLead,
  extractPageLead,
  leaks,
  mailKeys,
  pageKeys,
  readMail,
  replyAndSignature,
  SCORED_FIELDS,
  scoreLead,
  type Counts,
} from '../../tests/fixtures/capture/sharedCorpus';
import { percentile, type Figure } from './stats';

export interface CorpusScore {
  figures: Figure[];
  /** Per item, what went wrong: for development (`--details`). */
  details: string[];
}

const f1 = ({ tp, fp, fn }: { tp: number; fp: number; fn: number }) => {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
};

function fieldFigures(prefix: string, counts: Counts): Figure[] {
  const kind = { name: `${prefix} phone kind right (of numbers found)`, unit: 'ratio', value: counts.phoneKind.matched ? counts.phoneKind.right / counts.phoneKind.matched : 1 };
  return [...SCORED_FIELDS.flatMap((field) => {
    const s = f1(counts[field]);
    return [
      { name: `${prefix} ${field} precision`, unit: 'ratio', value: s.precision },
      { name: `${prefix} ${field} recall`, unit: 'ratio', value: s.recall },
      { name: `${prefix} ${field} F1`, unit: 'ratio', value: s.f1 },
    ];
  }), kind];
}

/**
 * Scores extraction over the third-party corpus: per-field precision, recall and F1 for mail,
 * for pages, and for the Chinese items; reply-text and signature accuracy; leaked strings; the
 * median extraction time per message.
 */
export async function scoreCorpus(): Promise<CorpusScore> {
  const mail = emptyCounts();
  const pages = emptyCounts();
  const chinese = emptyCounts();
  const details: string[] = [];
  let replyRight = 0;
  let replyAsked = 0;
  let signatureRight = 0;
  let signatureAsked = 0;
  let leaked = 0;
  const times: number[] = [];

  for (const key of mailKeys()) {
    const read = await readMail(key);
    const region = (key.assumed_region ?? 'CN') as CountryCode;
    const started = performance.now();
    const lead = extractMailLead(read, region);
    times.push(performance.now() - started);
    const before = JSON.stringify(mail);
    scoreLead(key.lead, lead, mail);
    if (key.language?.startsWith('zh')) scoreLead(key.lead, lead, chinese);
    if (JSON.stringify(mail) !== before && hasMiss(key.lead, lead, mail, before)) details.push(`mail ${key.file}: want ${JSON.stringify(key.lead)} got ${JSON.stringify(lead)}`);
    const found = leaks(key.must_not_extract, lead, key.lead);
    leaked += found.length;
    if (found.length) details.push(`mail ${key.file}: leaked ${JSON.stringify(found)}`);
    const { reply, signature } = replyAndSignature(key, read.bodyText);
    if (reply !== null) {
      replyAsked++;
      if (reply) replyRight++;
      else details.push(`mail ${key.file}: reply wrong`);
    }
    if (signature !== null) {
      signatureAsked++;
      if (signature) signatureRight++;
      else details.push(`mail ${key.file}: signature wrong`);
    }
  }
  for (const key of pageKeys()) {
    const lead = extractPageLead(key, (key.assumed_region ?? 'US') as CountryCode);
    const before = JSON.stringify(pages);
    scoreLead(key.lead, lead, pages);
    if (key.language?.startsWith('zh')) scoreLead(key.lead, lead, chinese);
    if (hasMiss(key.lead, lead, pages, before)) details.push(`page ${key.file}${key.selection ? ' (selection)' : ''}: want ${JSON.stringify(key.lead)} got ${JSON.stringify(lead)}`);
    const found = leaks(key.must_not_extract, lead, key.lead);
    leaked += found.length;
    if (found.length) details.push(`page ${key.file}: leaked ${JSON.stringify(found)}`);
  }

  return {
    figures: [
      ...fieldFigures('corpus mail', mail),
      ...fieldFigures('corpus pages', pages),
      ...fieldFigures('corpus Chinese', chinese),
      { name: 'corpus reply text right', unit: 'ratio', value: replyAsked ? replyRight / replyAsked : 1 },
      { name: 'corpus signature right', unit: 'ratio', value: signatureAsked ? signatureRight / signatureAsked : 1 },
      { name: 'corpus leaked strings (must_not_extract)', unit: 'count', value: leaked },
      { name: 'corpus extraction per message, median', unit: 'ms', value: percentile(times, 50) },
    ],
    details,
  };
}

function hasMiss(_want: unknown, _got: unknown, counts: Counts, before: string): boolean {
  const prior = JSON.parse(before) as Counts;
  return SCORED_FIELDS.some((f) => counts[f].fp > prior[f].fp || counts[f].fn > prior[f].fn);
}
