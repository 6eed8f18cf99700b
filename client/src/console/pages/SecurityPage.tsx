import { Typography } from 'antd';
import { useT } from '../../i18n';
import { ChangePasswordCard } from './ChangePasswordCard';
import { useCurrentUser } from '../session';
import { TotpCard } from './TotpCard';

export function SecurityPage() {
  const t = useT().console.security;
  // The server opens nothing else, not even enrolment, until a handed-out password is replaced.
  const { mustChangePassword } = useCurrentUser();
  return (
    <div className="console-page console-page--narrow">
      <Typography.Title level={1} className="page-title">
        {t.title}
      </Typography.Title>
      <ChangePasswordCard />
      {!mustChangePassword && <TotpCard />}
    </div>
  );
}
