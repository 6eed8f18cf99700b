// Two languages, one typed dictionary, no i18n library: zh-CN first, English second.
// The choice lives in a tiny store so that non-React code (api.ts) can read it too.
import { useSyncExternalStore } from 'react';
import { zh, type Messages } from './messages/zh';
import { en } from './messages/en';

export type Lang = 'zh-CN' | 'en';
export type { Messages };

const STORAGE_KEY = 'woodpecker.lang';
const dictionaries: Record<Lang, Messages> = { 'zh-CN': zh, en };
const listeners = new Set<() => void>();

function readSavedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN'; // storage blocked (private mode, policies): fall back to Chinese
  }
}

let current: Lang = readSavedLang();

function applyToDocument(): void {
  document.documentElement.lang = current;
}

function notify(): void {
  applyToDocument();
  for (const listener of listeners) listener();
}

export function getLang(): Lang {
  return current;
}

export function setLang(lang: Lang): void {
  if (lang === current) return;
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not persisted; the choice still holds for this page
  }
  notify();
}

/** Messages for code outside React (error fallbacks in api.ts). */
export function messagesFor(lang: Lang = current): Messages {
  return dictionaries[lang];
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Another tab switched language: follow it.
window.addEventListener('storage', (event) => {
  if (event.key !== STORAGE_KEY) return;
  const next = readSavedLang();
  if (next !== current) {
    current = next;
    notify();
  }
});
applyToDocument();

export function useLang(): Lang {
  return useSyncExternalStore(subscribe, getLang, getLang);
}

/** The dictionary for the current language; typed, so a missing key fails the build. */
export function useT(): Messages {
  return dictionaries[useLang()];
}
