import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQueries, type UseQueryResult } from '@tanstack/react-query';
import { Alert, App, Form, List, Modal, Typography } from 'antd';
import { api, describeError } from '../../../api';
import { useLang, useT } from '../../../i18n';
import { errorCatalog } from '../../../../../shared/errors';
import { queryKeys } from '../../queryKeys';
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
function commonVerifiers(results: UseQueryResult<{ items: Verifier[] }>[]): {
  verifiers: Verifier[] | null;
  error: unknown;
} {
  const error = results.find((r) => r.error)?.error ?? null;
  if (!results.length || results.some((r) => !r.data)) return { verifiers: null, error };
  const lists = results.map((r) => r.data!.items);
  return { verifiers: lists.reduce((common, list) => common.filter((v) => list.some((x) => x.id === v.id))), error };
}

const NO_VERIFIERS: Verifier[] = [];

/** Accepts and assigns the selected reports in one request; each succeeds or fails on its own. */
export function BulkAssignModal({
  open,
  reports,
  onClose,
}: {
  open: boolean;
  reports: CaseSummary[];
  onClose(changed: boolean): void;
}) {
  const all = useT();
  const t = all.cases;
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const [failures, setFailures] = useState<BulkAcceptResult[]>([]);

  // The same cached lookups the accept dialog of a single report uses.
  const onePerArea = useMemo(() => [...new Map(reports.map((r) => [r.area, r.reference])).values()], [reports]);
  const lookup = useQueries({
    queries: (open ? onePerArea : []).map((reference) => ({
      queryKey: queryKeys.reports.verifiers(reference),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<{ items: Verifier[] }>(`/reports/${reference}/assignable-verifiers`, { signal }),
    })),
    combine: commonVerifiers,
  });
  const verifiers = lookup.verifiers ?? NO_VERIFIERS;

  const accepting = useMutation({
    mutationFn: (fields: Fields) =>
      api.post<{ results: BulkAcceptResult[] }>('/reports/bulk-accept', {
        ...fields,
        references: reports.map((r) => r.reference),
      }),
    onSuccess: ({ results }) => {
      const failed = results.filter((r) => !r.ok);
      message.info(t.bulk.done(results.length - failed.length, failed.length));
      if (failed.length) setFailures(failed);
      else onClose(true);
    },
  });
  const { reset } = accepting;

  useEffect(() => {
    if (!open || !reports.length) return;
    reset();
    setFailures([]);
    form.resetFields();
  }, [open, reports, form, reset]);

  const save = (fields: Fields) => accepting.mutate(fields);
  const error = accepting.error
    ? describeError(accepting.error)
    : lookup.error
      ? describeError(lookup.error)
      : lookup.verifiers && !lookup.verifiers.length
        ? t.bulk.noCommonVerifier
        : null;

  return (
    <Modal
      open={open}
      title={t.bulk.title(reports.length)}
      okText={all.common.save}
      cancelText={all.common.cancel}
      confirmLoading={accepting.isPending}
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
