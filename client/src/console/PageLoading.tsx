import { Spin } from 'antd';
import { useT } from '../i18n';

export function PageLoading() {
  const t = useT();
  return (
    <div className="console-centered" aria-busy="true">
      <Spin size="large" tip={t.common.loading}>
        <div className="console-centered__box" />
      </Spin>
    </div>
  );
}
