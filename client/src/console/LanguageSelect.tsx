import { Segmented } from 'antd';
import { setLang, useLang, useT, type Lang } from '../i18n';

const OPTIONS: { value: Lang; label: string }[] = [
  { value: 'zh-CN', label: '中文' },
  { value: 'en', label: 'English' },
];

export function LanguageSelect() {
  const lang = useLang();
  const t = useT();
  return (
    <Segmented<Lang>
      aria-label={t.common.switchTo}
      size="small"
      value={lang}
      options={OPTIONS.map((option) => ({ ...option, label: <span lang={option.value}>{option.label}</span> }))}
      onChange={setLang}
    />
  );
}
