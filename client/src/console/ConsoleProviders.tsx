import { useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntdApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useLang } from '../i18n';
import { createQueryClient } from './queryClient';

/** The palette's 7th shade (antd's tag text colour), under both of antd's token names. */
const tagTextShades = (shades: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(shades).flatMap(([hue, shade]) => [
      [`${hue}7`, shade],
      [`${hue}-7`, shade],
    ]),
  );

const baseTheme = {
  token: {
    colorPrimary: '#0b3a75',
    // antd derives greyish tints from so dark a blue; light blue reads as "selected".
    colorPrimaryBg: '#e6eef8',
    colorPrimaryBgHover: '#d3e0f1',
    controlItemBgActive: '#e6eef8',
    controlItemBgActiveHover: '#d3e0f1',
    // antd's link blue (#1677ff) is 4.1:1 on white. #0b57d0 is 6.4:1 on white and 5.9:1 on the
    // layout's #f5f5f5; hover and active only get darker. tests/e2e/console-accessibility checks it.
    colorLink: '#0b57d0',
    colorLinkHover: '#0842a0',
    colorLinkActive: '#062e6f',
    // Tags draw their text in each palette's 7th shade on its 1st; for these colours that is below
    // 4.5:1 (gold 2.9, green 3.4, orange 3.6…), so their text takes a darker shade of the same hue.
    ...tagTextShades({
      gold: '#874d00',
      green: '#237804',
      orange: '#ad4e00',
      cyan: '#006d75',
      lime: '#3f6600',
      volcano: '#ad2102',
      yellow: '#876800',
    }),
    // antd's 45 % grey fails WCAG AA on white; 60 % passes (5.7:1).
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    fontFamily:
      "system-ui, -apple-system, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif",
  },
};

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

/** Whether the user asked their system for less motion; follows the setting as it changes. */
function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const query = window.matchMedia(REDUCED_MOTION);
      query.addEventListener('change', onChange);
      return () => query.removeEventListener('change', onChange);
    },
    () => window.matchMedia(REDUCED_MOTION).matches,
  );
}

/**
 * The console's data cache (TanStack Query) around everything.
 * antd's own texts (pagination, confirmations, empty tables) follow the chosen language.
 * No auto-inserted space in two-character Chinese buttons ("登 录"): screen readers spell it out.
 * antd's slides, zooms and fades are off when the system asks for reduced motion (WCAG 2.3.3).
 */
export function ConsoleProviders({ children }: { children: ReactNode }) {
  const lang = useLang();
  const [queryClient] = useState(createQueryClient);
  const reducedMotion = usePrefersReducedMotion();
  const theme = useMemo(() => ({ token: { ...baseTheme.token, motion: !reducedMotion } }), [reducedMotion]);
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={theme} button={{ autoInsertSpace: false }}>
        <AntdApp>{children}</AntdApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
