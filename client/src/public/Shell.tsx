import { useEffect, useRef } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { useLang, useT } from '../i18n';
import { useCatalog } from './useCatalog';
import { LanguageSwitch } from './LanguageSwitch';

export function Shell() {
  const t = useT();
  const lang = useLang();
  // Who serves the site is data (the jurisdiction profile in the catalog), not a compiled name.
  const place = useCatalog().jurisdiction;
  const main = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const firstRender = useRef(true);

  useEffect(() => {
    document.title = t.public.documentTitle;
  }, [t]);

  // After client-side navigation, move focus to the new content so screen readers announce it.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    window.scrollTo(0, 0);
    main.current?.focus();
  }, [pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t.public.skipToContent}
      </a>
      <header className="site-header">
        <div className="container site-header__inner">
          <Link to="/" className="brand">
            <img className="brand__logo" src="/favicon.svg" alt="" width="32" height="32" />
            <span className="brand__text">
              <span className="brand__name">{t.public.brand}</span>
              <span className="brand__sep" aria-hidden="true">
                ·
              </span>
              <span className="brand__tagline">{t.public.brandTagline}</span>
            </span>
          </Link>
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1} className="container site-main">
        <Outlet />
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{place ? place.footer[lang === 'en' ? 'en' : 'zh'] : t.public.footer}</p>
          {place && (
            <p>
              {t.public.hotlines}: {place.hotlines.map((h) => h.number).join(' / ')}
            </p>
          )}
        </div>
      </footer>
    </>
  );
}
