import { lazy, Suspense, useEffect } from 'react';
import { Route, Routes } from 'react-router-dom';
import { useT } from '../i18n';
import { ConsoleLayout } from './ConsoleLayout';
import { RequireRole, RequireSession } from './guards';
import { ADMIN_ONLY, CASE_ROLES, FINANCE_ROLES, INTEGRITY_ROLES, POSTER_ROLES } from './navigation';
import { HomePage } from './pages/HomePage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/ResultPages';
import { SecurityPage } from './pages/SecurityPage';
import { PageLoading } from './PageLoading';
import { INTEGRATION_ROLES, POLICY_ROLES, STATS_ROLES } from './navigation';

// Administration pages carry the table and modal code that other roles never need.
const StaffPage = lazy(() => import('./pages/StaffPage').then((m) => ({ default: m.StaffPage })));
const PostersPage = lazy(() => import('./pages/PostersPage').then((m) => ({ default: m.PostersPage })));
const CategoriesPage = lazy(() => import('./pages/CategoriesPage').then((m) => ({ default: m.CategoriesPage })));
const JurisdictionPage = lazy(() =>
  import('./pages/jurisdiction/JurisdictionPage').then((m) => ({ default: m.JurisdictionPage })),
);
const ResponsibilitiesPage = lazy(() =>
  import('./pages/ResponsibilitiesPage').then((m) => ({ default: m.ResponsibilitiesPage })),
);
const PoliciesPage = lazy(() => import('./pages/policies/PoliciesPage').then((m) => ({ default: m.PoliciesPage })));
const AuditPage = lazy(() => import('./pages/AuditPage').then((m) => ({ default: m.AuditPage })));
const StatsPage = lazy(() => import('./pages/stats/StatsPage').then((m) => ({ default: m.StatsPage })));
const CasesPage = lazy(() => import('./pages/cases/CasesPage').then((m) => ({ default: m.CasesPage })));
const CasePage = lazy(() => import('./pages/cases/CasePage').then((m) => ({ default: m.CasePage })));
const IntegrityPage = lazy(() => import('./pages/integrity/IntegrityPage').then((m) => ({ default: m.IntegrityPage })));
const WebhooksPage = lazy(() => import('./pages/webhooks/WebhooksPage').then((m) => ({ default: m.WebhooksPage })));
const PartnersPage = lazy(() => import('./pages/partners/PartnersPage').then((m) => ({ default: m.PartnersPage })));
const FinancePage = lazy(() => import('./pages/finance/FinancePage').then((m) => ({ default: m.FinancePage })));

export function ConsoleApp() {
  const t = useT();
  useEffect(() => {
    document.title = t.console.documentTitle;
  }, [t]);

  return (
    <Routes>
      <Route path="login" element={<LoginPage />} />
      <Route
        element={
          <RequireSession>
            <ConsoleLayout />
          </RequireSession>
        }
      >
        <Route index element={<HomePage />} />
        <Route
          path="staff"
          element={
            <RequireRole roles={ADMIN_ONLY}>
              <Suspense fallback={<PageLoading />}>
                <StaffPage />
              </Suspense>
            </RequireRole>
          }
        />
        <Route
          path="categories"
          element={
            <RequireRole roles={ADMIN_ONLY}>
              <Suspense fallback={<PageLoading />}>
                <CategoriesPage />
              </Suspense>
            </RequireRole>
          }
        />
        <Route
          path="jurisdiction"
          element={
            <RequireRole roles={ADMIN_ONLY}>
              <Suspense fallback={<PageLoading />}>
                <JurisdictionPage />
              </Suspense>
            </RequireRole>
          }
        />
        <Route
          path="responsibilities"
          element={
            <RequireRole roles={ADMIN_ONLY}>
              <Suspense fallback={<PageLoading />}>
                <ResponsibilitiesPage />
              </Suspense>
            </RequireRole>
          }
        />
        <Route
          path="posters"
          element={
            <RequireRole roles={POSTER_ROLES}>
              <Suspense fallback={<PageLoading />}>
                <PostersPage />
              </Suspense>
            </RequireRole>
          }
        />
        <Route
          path="partners"
          element={
            <RequireRole roles={ADMIN_ONLY}>
              <Suspense fallback={<PageLoading />}>
                <PartnersPage />
              </Suspense>
            </RequireRole>
          }
        />
        <Route
          path="audit"
          element={
            <RequireRole roles={ADMIN_ONLY}>
              <Suspense fallback={<PageLoading />}>
                <AuditPage />
              </Suspense>
            </RequireRole>
          }
        />
        <Route
          path="cases"
          element={
            <RequireRole roles={CASE_ROLES}>
              <Suspense fallback={<PageLoading />}>
                <CasesPage />
              </Suspense>
            </RequireRole>
          }
        />
        <Route
          path="cases/:reference"
          element={
            <RequireRole roles={CASE_ROLES}>
              <Suspense fallback={<PageLoading />}>
                <CasePage />
              </Suspense>
            </RequireRole>
          }
        />
        <Route
          path="finance"
          element={
            <RequireRole roles={FINANCE_ROLES}>
              <Suspense fallback={<PageLoading />}>
                <FinancePage />
              </Suspense>
            </RequireRole>
          }
        />
        <Route
          path="integrity"
          element={
            <RequireRole roles={INTEGRITY_ROLES}>
              <Suspense fallback={<PageLoading />}>
                <IntegrityPage />
              </Suspense>
            </RequireRole>
          }
        />
        <Route
          path="stats"
          element={
            <RequireRole roles={STATS_ROLES}>
              <Suspense fallback={<PageLoading />}>
                <StatsPage />
              </Suspense>
            </RequireRole>
          }
        />
        <Route
          path="policies"
          element={
            <RequireRole roles={POLICY_ROLES}>
              <Suspense fallback={<PageLoading />}>
                <PoliciesPage />
              </Suspense>
            </RequireRole>
          }
        />
        <Route
          path="webhooks"
          element={
            <RequireRole roles={INTEGRATION_ROLES}>
              <Suspense fallback={<PageLoading />}>
                <WebhooksPage />
              </Suspense>
            </RequireRole>
          }
        />
        <Route path="security" element={<SecurityPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
