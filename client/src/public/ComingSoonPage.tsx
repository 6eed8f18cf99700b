import { Link } from 'react-router-dom';
import { useT } from '../i18n';

/** Honest stand-in for a part of the site that is not built yet: says so and offers the hotline. */
export function ComingSoonPage({ title }: { title: string }) {
  const t = useT().public;
  return (
    <section className="notice" aria-labelledby="notice-title">
      <h1 id="notice-title">{title}</h1>
      <p>{t.soonBody}</p>
      <p>
        {t.soonHotline}{' '}
        <a className="hotline hotline--inline" href="tel:12350">
          12350
        </a>
      </p>
      <p>
        <Link to="/" className="back-link">
          {t.backHome}
        </Link>
      </p>
    </section>
  );
}
