import { useNavigate } from 'react-router-dom';
import { Button, Result } from 'antd';
import { useT } from '../../i18n';

function BackHomeButton({ label }: { label: string }) {
  const navigate = useNavigate();
  return (
    <Button type="primary" onClick={() => navigate('/')}>
      {label}
    </Button>
  );
}

export function ForbiddenPage() {
  const t = useT().console.forbidden;
  return (
    <Result
      status="403"
      title={<h1 className="result-title">{t.title}</h1>}
      subTitle={t.body}
      extra={<BackHomeButton label={t.back} />}
    />
  );
}

export function NotFoundPage() {
  const t = useT().console.notFound;
  return (
    <Result
      status="404"
      title={<h1 className="result-title">{t.title}</h1>}
      extra={<BackHomeButton label={t.back} />}
    />
  );
}
