import { useEffect, useState } from 'react';
import { Alert, App, Form, List, Modal, Typography } from 'antd';
import { api, describeError } from '../../../api';
import { useLang, useT } from '../../../i18n';
import { errorCatalog } from '../../../../../shared/errors';
import { AssignFields } from './AssignFields';
import type { BulkAcceptResult, CaseSummary, Verifier } from './caseTypes';

/** The catalogue's words for a problem code (the code itself when unknown). */
function problemText(code: string, lang: string): string {
  const known = (errorCatalog as Record<string, { zh: string; en: string }>)[code];
  return known ? (lang === 'en' ? known.en : known.zh) : code;
}

interface Fields {
  unitCode: string;
  verifierId: string;
  dueInDays: number;
}

/** Verifiers who may take every selected report: those of each area, intersected (one lookup per area). */
async function commonVerifiers(reports: CaseSummary[]): Promise<Verifier[]> {
  const onePerArea = [...new Map(reports.map((r) => [r.area, r.reference])).values()];
  const lists = await Promise.all(onePerArea.map((ref) => api.get<{ items: Verifier[] }>(`/reports/${ref}/assignable-verifiers`).then((r) => r.items)));
  return lists.reduce((common, list) => common.filter((v) => list.some((x) => x.id === v.id)));
}

/** Accepts and assigns the selected reports in one request; each succeeds or fails on its own. */
export function BulkAssignModal({ open, reports, onClose }: { open: boolean; reports: CaseSummary[]; onClose(changed: boolean): void }) {
  const all = useT();
  const t = all.cases;
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const [verifiers, setVerifiers] = useState<Verifier[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [failures, setFailures] = useState<BulkAcceptResult[]>([]);

  useEffect(() => {
    if (!open || !reports.length) return;
    let live = true;
    setError(null);
    setFailures([]);
    form.resetFields();
    commonVerifiers(reports).then(
      (list) => live && (setVerifiers(list), setError(list.length ? null : t.bulk.noCommonVerifier)),
      (caught: unknown) => live && setError(describeError(caught)),
    );
    return () => {
      live = false;
    };
  }, [open, reports, form, t]);

  const save = async (fields: Fields) => {
    setSaving(true);
    setError(null);
    try {
      const { results } = await api.post<{ results: BulkAcceptResult[] }>('/reports/bulk-accept', { ...fields, references: reports.map((r) => r.reference) });
      const failed = results.filter((r) => !r.ok);
      message.info(t.bulk.done(results.length - failed.length, failed.length));
      if (failed.length) setFailures(failed);
      else onClose(true);
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t.bulk.title(reports.length)}
      okText={all.common.save}
      cancelText={all.common.cancel}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={() => onClose(failures.length > 0)}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      {failures.length > 0 && (
        <List
          header={<Typography.Text strong>{t.bulk.failures}</Typography.Text>}
          size="small"
          dataSource={failures}
          renderItem={(f) => (
            <List.Item>
              <Typography.Text code>{f.reference}</Typography.Text> {problemText(f.code ?? '', lang)}
            </List.Item>
          )}
        />
      )}
      <Form<Fields> form={form} layout="vertical" name="bulk-assign" onFinish={save}>
        <AssignFields verifiers={verifiers} />
      </Form>
    </Modal>
  );
}
