import { useEffect, useState } from 'react';

/**
 * Phone parsing and formatting need libphonenumber's full metadata (about 145 KB). The side
 * panel loads it on first need, as its own chunk, instead of with the panel; the background has
 * its own copy for capture. Until it arrives, numbers show as stored (E.164).
 */
export interface PhoneTools {
  /** Typed text to E.164 (extension kept), or null when it is not a phone number. */
  normalize: (text: string, region: string) => string | null;
  /** E.164 as the user's region writes it: national format at home, international abroad. */
  display: (e164: string, region: string) => string;
}

let loading: Promise<PhoneTools> | null = null;

export function loadPhoneTools(): Promise<PhoneTools> {
  loading ??= Promise.all([import('../../shared/extract/phones'), import('libphonenumber-js/max')]).then(([phones, lib]) => ({
    normalize: (text, region) => phones.normalizePhone(text, region as never),
    display: (e164, region) => {
      const [number, ext] = e164.split(/\s*ext\.\s*/i);
      const parsed = lib.parsePhoneNumberFromString(number ?? '');
      if (!parsed) return e164;
      const text = parsed.country === region ? parsed.formatNational() : parsed.formatInternational();
      return ext ? `${text} ext. ${ext}` : text;
    },
  }));
  return loading;
}

export function usePhoneTools(): PhoneTools | null {
  const [tools, setTools] = useState<PhoneTools | null>(null);
  useEffect(() => {
    let live = true;
    void loadPhoneTools().then((t) => live && setTools(t));
    return () => {
      live = false;
    };
  }, []);
  return tools;
}
