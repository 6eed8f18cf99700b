import { Route, Routes } from 'react-router-dom';
import { useT } from '../i18n';
import { Shell } from './Shell';
import { HomePage } from './HomePage';
import { ComingSoonPage } from './ComingSoonPage';
import { NotFoundPage } from './NotFoundPage';

export function PublicApp() {
  const t = useT().public;
  return (
    <Routes>
      <Route element={<Shell />}>
        <Route index element={<HomePage />} />
        {/* The intake work replaces these two with the report form and the follow-up pages. */}
        <Route path="report" element={<ComingSoonPage title={t.reportSoonTitle} />} />
        <Route path="followup" element={<ComingSoonPage title={t.followupSoonTitle} />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
