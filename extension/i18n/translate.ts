import type { Locale } from '../../shared/schema/primitives';
import { en, zhCN, type MessageKey } from './messages';

const catalogs: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

export type Translate = ((key: MessageKey, params?: Record<string, string | number>) => string) & {
  /** A counted message: `key.one`, `key.other`… chosen by Intl.PluralRules for `count`. */
  plural: (key: string, count: number, params?: Record<string, string | number>) => string;
  /** An error by its code (API codes and the client's own), in the user's language. */
  error: (failure: { code?: string; params?: Record<string, unknown> } | undefined) => string;
};

export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  const rules = new Intl.PluralRules(locale);
  const fill = (text: string, params?: Record<string, unknown>) => (params ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`)) : text);
  const t = ((key, params) => fill(catalog[key] ?? en[key] ?? key, params)) as Translate;
  t.plural = (key, count, params) => {
    const exact = `${key}.${rules.select(count)}` as MessageKey;
    return t(exact in catalog ? exact : (`${key}.other` as MessageKey), { count, ...params });
  };
  t.error = (failure) => {
    const key = `error.${failure?.code ?? 'http'}` as MessageKey;
    return fill(catalog[key] ?? catalog['error.http'], failure?.params);
  };
  return t;
}

/** The browser's language decides until the user or their profile picks one. */
export function defaultLocale(languages: readonly string[] = globalThis.navigator?.languages ?? []): Locale {
  return languages[0]?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
