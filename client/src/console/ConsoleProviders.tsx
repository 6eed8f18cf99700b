import { useState, type ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntdApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useLang } from '../i18n';
import { createQueryClient } from './queryClient';

const theme = {
  token: {
    colorPrimary: '#0b3a75',
    // antd derives greyish tints from so dark a blue; light blue reads as "selected".
    colorPrimaryBg: '#e6eef8',
    colorPrimaryBgHover: '#d3e0f1',
    controlItemBgActive: '#e6eef8',
    controlItemBgActiveHover: '#d3e0f1',
    // antd's 45 % grey fails WCAG AA on white; 60 % passes (5.7:1).
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    fontFamily:
      "system-ui, -apple-system, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif",
  },
};

/**
 * The console's data cache (TanStack Query) around everything.
 * antd's own texts (pagination, confirmations, empty tables) follow the chosen language.
 * No auto-inserted space in two-character Chinese buttons ("登 录"): screen readers spell it out.
 */
export function ConsoleProviders({ children }: { children: ReactNode }) {
  const lang = useLang();
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={theme} button={{ autoInsertSpace: false }}>
        <AntdApp>{children}</AntdApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
