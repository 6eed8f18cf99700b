// The outcome sections' words (follow-up page only), and the helpers that word
// the server's own texts and dates for the reader.
import { noteText, storedNoteIn } from '../../../../../shared/notes';
import { shanghaiDay } from '../../../../../shared/dates';
import { useLang, type Lang } from '../../../i18n';
import { outcomeEn } from '../../../messages/outcome.en';
import { outcomeZh, type OutcomeMessages } from '../../../messages/outcome.zh';

export function outcomeTextFor(lang: Lang): OutcomeMessages {
  return lang === 'en' ? outcomeEn : outcomeZh;
}

export function useOutcomeT(): OutcomeMessages {
  return outcomeTextFor(useLang());
}

/**
 * The system writes a letter's conclusion and reward note as "中文 / English"
 * (several reasons joined by "；"): the half in the reader's language. Anything
 * else, staff's own words included, is shown as written.
 */
export function inReaderLanguage(text: string, lang: Lang): string {
  return storedNoteIn(text, lang === 'en' ? 'en' : 'zh');
}

/** A timeline step's note in the reader's language: the system's code worded, staff's words as written. */
export function noteInReaderLanguage(entry: Parameters<typeof noteText>[0], lang: Lang): string | undefined {
  return noteText(entry, lang === 'en' ? 'en' : 'zh');
}

/** A calendar day ('YYYY-MM-DD', already Shanghai's) written like the other dates. */
export const dayText = (day: string) => day.replaceAll('-', '/');

/** The Shanghai day of an instant, written like the other dates. */
export const dayOf = (iso: string) => dayText(shanghaiDay(new Date(iso)));
