import type { CountryCode } from 'libphonenumber-js';
import { extractMailLead, mailKeys, readMail } from '../tests/fixtures/capture/sharedCorpus';
for (const key of mailKeys()) {
  const got = extractMailLead(await readMail(key), (key.assumed_region ?? 'CN') as CountryCode);
  const want = (key.lead?.emails ?? []).map((e) => e.toLowerCase());
  const g = got.emails;
  if (JSON.stringify([...want].sort()) !== JSON.stringify([...g].sort())) console.log(key.file.slice(0, 40).padEnd(40), 'want', JSON.stringify(want), 'got', JSON.stringify(g), key.lead ? '' : '(lead null)');
}
