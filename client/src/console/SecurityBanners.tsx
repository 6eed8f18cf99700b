import { useNavigate, useLocation } from 'react-router-dom';
import { Alert, Button } from 'antd';
import { useT } from '../i18n';
import { useSignedIn } from './session';

/** Reminders the server asks for: enrol the second factor (blocking), change a handed-out password. */
export function SecurityBanners() {
  const t = useT().console.banners;
  const { user, mustEnrolTotp } = useSignedIn();
  const navigate = useNavigate();
  const onSecurityPage = useLocation().pathname === '/security';
  const goToSecurity = onSecurityPage ? undefined : (
    <Button size="small" onClick={() => navigate('/security')}>
      {t.goToSecurity}
    </Button>
  );

  return (
    <>
      {mustEnrolTotp && (
        <Alert className="page-alert" type="warning" showIcon title={t.mustEnrolTotp} action={goToSecurity} data-testid="must-enrol-totp" />
      )}
      {user.mustChangePassword && (
        <Alert className="page-alert" type="info" showIcon title={t.mustChangePassword} action={goToSecurity} />
      )}
    </>
  );
}
