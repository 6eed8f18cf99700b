import { Link } from 'react-router-dom';
import { homeLinkText } from './transparency/text';
import { useLang, useT } from '../i18n';
import { estimateLinkText } from './estimate/homeLinkText';

const HOTLINE = '12350';

export function HomePage() {
  const lang = useLang();
  const t = useT().public;
  const estimate = estimateLinkText[useLang()];
  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">{t.heroTitle}</h1>
        <p className="hero__lead">{t.heroLead}</p>
        <div className="actions">
          <Link to="/report" className="action action--primary" data-testid="report-button">
            <span className="action__label">{t.reportButton}</span>
            <span className="action__hint">{t.reportHint}</span>
          </Link>
          <Link to="/followup" className="action action--secondary" data-testid="followup-button">
            <span className="action__label">{t.followupButton}</span>
            <span className="action__hint">{t.followupHint}</span>
          </Link>
        </div>
      </section>

      <section className="card" aria-labelledby="what-title">
        <h2 id="what-title">{t.whatTitle}</h2>
        <p>{t.whatIntro}</p>
        <ul className="bullets">
          {t.whatItems.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
        <p>
          <strong>{t.sectorsLabel}</strong>
          {t.sectors}
        </p>
      </section>

      <section className="card" aria-labelledby="reward-title">
        <h2 id="reward-title">{t.rewardTitle}</h2>
        <dl className="rewards">
          <div className="rewards__row">
            <dt>{t.rewardMajor}</dt>
            <dd>{t.rewardMajorAmount}</dd>
          </div>
          <div className="rewards__row">
            <dt>{t.rewardWelding}</dt>
            <dd>{t.rewardWeldingAmount}</dd>
          </div>
        </dl>
        <p className="muted">{t.rewardNote}</p>
        <p>
          <Link to="/estimate" className="back-link" data-testid="estimate-link">
            {estimate.label}
          </Link>{' '}
          <span className="muted">{estimate.hint}</span>
        </p>
      </section>

      <section className="card" aria-labelledby="open-figures-title">
        <h2 id="open-figures-title">{homeLinkText[lang].title}</h2>
        <p>{homeLinkText[lang].body}</p>
        <p>
          <Link to="/transparency" className="back-link" data-testid="transparency-link">
            {homeLinkText[lang].link}
          </Link>
        </p>
      </section>

      <section className="card card--accent" aria-labelledby="confidential-title">
        <h2 id="confidential-title">{t.confidentialityTitle}</h2>
        <p>{t.confidentialityBody}</p>
      </section>

      <section className="card" aria-labelledby="hotline-title">
        <h2 id="hotline-title">{t.hotlineTitle}</h2>
        <p>{t.hotlineBody}</p>
        <a className="hotline" href={`tel:${HOTLINE}`} aria-label={t.hotlineCall}>
          {HOTLINE}
        </a>
      </section>
    </>
  );
}
