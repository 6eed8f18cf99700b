import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Route, Routes, useLocation } from 'react-router-dom';
import { useT } from '../i18n';
import { Shell } from './Shell';
import { HomePage } from './HomePage';
import { NotFoundPage } from './NotFoundPage';
import { ChunkErrorBoundary } from './ChunkErrorBoundary';

// The form and follow-up load on demand, so the home page stays small on a weak network.
const loadReportPage = () => import('./report/ReportPage');
const ReportPage = lazy(loadReportPage);
const FollowupPage = lazy(() => import('./followup/FollowupPage'));
const TransparencyPage = lazy(() => import('./transparency/TransparencyPage'));
const EstimatePage = lazy(() => import('./estimate/EstimatePage'));

function Lazy({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <ChunkErrorBoundary>
      <Suspense fallback={<p className="muted">{t.common.loading}</p>}>{children}</Suspense>
    </ChunkErrorBoundary>
  );
}

export function PublicApp() {
  const { pathname } = useLocation();
  // On the home page, fetch the form quietly once the page is idle: the next tap is likely "report".
  useEffect(() => {
    if (pathname !== '/') return;
    const timer = setTimeout(() => void loadReportPage().catch(() => undefined), 2000);
    return () => clearTimeout(timer);
  }, [pathname]);

  return (
    <Routes>
      <Route element={<Shell />}>
        <Route index element={<HomePage />} />
        <Route
          path="report"
          element={
            <Lazy>
              <ReportPage />
            </Lazy>
          }
        />
        <Route
          path="followup"
          element={
            <Lazy>
              <FollowupPage />
            </Lazy>
          }
        />
        <Route
          path="transparency"
          element={
            <Lazy>
              <TransparencyPage />
            </Lazy>
          }
        />
        <Route
          path="estimate"
          element={
            <Lazy>
              <EstimatePage />
            </Lazy>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
