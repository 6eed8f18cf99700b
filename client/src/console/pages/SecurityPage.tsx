import { Typography } from 'antd';
import { useT } from '../../i18n';
import { ChangePasswordCard } from './ChangePasswordCard';
import { TotpCard } from './TotpCard';

export function SecurityPage() {
  const t = useT().console.security;
  return (
    <div className="console-page console-page--narrow">
      <Typography.Title level={1} className="page-title">
        {t.title}
      </Typography.Title>
      <ChangePasswordCard />
      <TotpCard />
    </div>
  );
}
