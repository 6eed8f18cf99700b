import { Link } from 'react-router-dom';
import { useT } from '../i18n';

export function NotFoundPage() {
  const t = useT().public;
  return (
    <section className="notice" aria-labelledby="notice-title">
      <h1 id="notice-title">{t.notFoundTitle}</h1>
      <p>{t.notFoundBody}</p>
      <p>
        <Link to="/" className="back-link">
          {t.backHome}
        </Link>
      </p>
    </section>
  );
}
