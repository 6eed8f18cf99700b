import { useNavigate, useLocation } from 'react-router-dom';
import { Alert, Button } from 'antd';
import { useT } from '../i18n';
import { useSignedIn } from './session';

/** What the server requires first (both blocking): replace a handed-out password, enrol the second factor. */
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
      {user.mustChangePassword && (
        <Alert
          className="page-alert"
          type="warning"
          showIcon
          title={t.mustChangePassword}
          action={goToSecurity}
          data-testid="must-change-password"
        />
      )}
      {mustEnrolTotp && (
        <Alert
          className="page-alert"
          type="warning"
          showIcon
          title={t.mustEnrolTotp}
          action={goToSecurity}
          data-testid="must-enrol-totp"
        />
      )}
    </>
  );
}
