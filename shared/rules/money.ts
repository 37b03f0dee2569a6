/** Digits after the decimal point for a currency (JPY 0, CNY 2, …), from the platform's ICU data. */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** "12,000.50" → 1200050 for CNY. Returns null for blank text, NaN for text that is not an amount. */
export function toMinorUnits(text: string, currency: string): number | null {
  const cleaned = text.replace(/[,\s，]/g, '').trim();
  if (cleaned === '') return null;
  const digits = minorDigits(currency);
  const match = /^(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!match || (match[2] ?? '').length > digits) return Number.NaN;
  const fraction = (match[2] ?? '').padEnd(digits, '0');
  return Number(match[1]) * 10 ** digits + Number(fraction || '0');
}

export function formatMoney(amountMinor: number, currency: string, locale: string): string {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amountMinor / 10 ** digits);
}
