import type { CountryCode } from 'libphonenumber-js';

const TLD_REGIONS: Record<string, CountryCode> = {
  cn: 'CN', hk: 'HK', tw: 'TW', jp: 'JP', kr: 'KR', sg: 'SG', de: 'DE', at: 'AT', ch: 'CH', fr: 'FR', be: 'BE', uk: 'GB', ie: 'IE',
  it: 'IT', es: 'ES', nl: 'NL', se: 'SE', no: 'NO', dk: 'DK', fi: 'FI', pl: 'PL', hu: 'HU', cz: 'CZ', au: 'AU', nz: 'NZ', ca: 'CA', in: 'IN', us: 'US',
};

const LANG_REGIONS: Record<string, CountryCode> = { de: 'DE', fr: 'FR', ja: 'JP', ko: 'KR', it: 'IT', es: 'ES', nl: 'NL', hu: 'HU', pl: 'PL' };

/** Words that give away the language of a signature, hence the likely region of its national numbers. */
const TEXT_CUES: [RegExp, CountryCode][] = [
  [/[\u3040-\u30ff]/, 'JP'], // kana
  [/(mit freundlichen grüßen|viele grüße|beste grüße|straße|telefon|mobil|geschäftsführer|gmbh)/i, 'DE'],
  [/(cordialement|bien à vous|tél|portable|\brue\b|directrice|responsable|sarl|\bsas\b)/i, 'FR'],
  [/(電話|手機|業務|總監|謝謝|股份有限公司.*台|臺北|台北)/, 'TW'],
];

/**
 * The region in which a signature's national numbers are most likely written: an explicit
 * country, the page language, the sender's country-code domain, the signature's language, and
 * North American number layout, before falling back to the user's default region.
 */
export function inferRegion(hints: { text?: string; email?: string; url?: string; lang?: string | null; country?: string | null }, fallback: CountryCode): CountryCode {
  if (hints.country && /^[A-Z]{2}$/i.test(hints.country)) return hints.country.toUpperCase() as CountryCode;
  const lang = hints.lang?.toLowerCase();
  if (lang) {
    const [base, region] = lang.split(/[-_]/);
    if (region && /^[a-z]{2}$/.test(region)) return region.toUpperCase() as CountryCode;
    if (base && LANG_REGIONS[base]) return LANG_REGIONS[base]!;
  }
  const host = hints.email?.split('@')[1] ?? safeHost(hints.url);
  const tld = host?.split('.').pop()?.toLowerCase();
  if (tld && TLD_REGIONS[tld]) return TLD_REGIONS[tld]!;
  const text = hints.text ?? '';
  for (const [cue, region] of TEXT_CUES) if (cue.test(text)) return region;
  if (!/[\u4e00-\u9fff]/.test(text) && /(^|[^\d])\(?[2-9]\d{2}\)?[\s.-]\d{3}[\s.-]\d{4}(?!\d)/.test(text)) return 'US';
  return fallback;
}

function safeHost(url?: string): string | undefined {
  try {
    return url ? new URL(url).hostname : undefined;
  } catch {
    return undefined;
  }
}
