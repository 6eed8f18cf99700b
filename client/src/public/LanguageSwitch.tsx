import { setLang, useLang, useT, type Lang } from '../i18n';

const OPTIONS: { lang: Lang; label: string }[] = [
  { lang: 'zh-CN', label: '中文' },
  { lang: 'en', label: 'English' },
];

/** Two toggle buttons; each label is tagged with its own language so it is read out correctly. */
export function LanguageSwitch() {
  const current = useLang();
  const t = useT();
  return (
    <div className="lang-switch" role="group" aria-label={t.common.switchTo}>
      {OPTIONS.map(({ lang, label }) => (
        <button
          key={lang}
          type="button"
          lang={lang}
          className="lang-switch__option"
          aria-pressed={current === lang}
          onClick={() => setLang(lang)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
