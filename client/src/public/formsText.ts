// The report and follow-up pages' own dictionary (loaded with those pages only).
import { getLang, useLang, type Lang } from '../i18n';
import { formsZh, type FormMessages } from '../messages/forms.zh';
import { formsEn } from '../messages/forms.en';

export function formsTextFor(lang: Lang = getLang()): FormMessages {
  return lang === 'en' ? formsEn : formsZh;
}

export function useFormsT(): FormMessages {
  return formsTextFor(useLang());
}

/** A catalog label in the current language. */
export function labelIn(label: { zh: string; en: string } | undefined, lang: Lang, fallback = ''): string {
  if (!label) return fallback;
  return lang === 'en' ? label.en : label.zh;
}
