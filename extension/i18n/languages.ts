import { LocaleSchema, type Locale } from '../../shared/schema/primitives';

export const LOCALES = LocaleSchema.options;

/** Each language is named in itself (中文, English) so a user can find their own in any UI. */
export function languageName(locale: Locale): string {
  return new Intl.DisplayNames([locale], { type: 'language' }).of(locale === 'zh-CN' ? 'zh' : locale) ?? locale;
}
