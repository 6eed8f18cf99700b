import { useRef } from 'react';
import { useReferenceData } from '../../referenceData';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Typography } from 'antd';
import { api, describeError } from '../../../api';
import { MAIN_FUND_SOURCE } from '../../../../../shared/schemas/fund';
import { useT } from '../../../i18n';
import { SingleSelect } from '../../Selects';
import { fundSourceOptions } from '../cases/correctionTexts';
import { formatYuan, newIdempotencyKey, parsePositiveYuan } from './money';
import { queryKeys } from '../../queryKeys';
import type { LedgerEntryView } from './types';

interface Values {
  amount: string;
  note: string;
  source: string;
}

/** The submission under way: retried with its key until it succeeds, so money is booked once. */
interface Pending {
  key: string;
  amountFen: number;
  note: string;
  source: string;
}

/** Books money into the fund; balances, months and the ledger are then refetched. */
export function AppropriationForm() {
  const t = useT().finance;
  const reference = useReferenceData();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const pending = useRef<Pending | null>(null);

  const appropriate = useMutation({
    mutationFn: ({ key, amountFen, note, source }: Pending) =>
      api.post<{ entry: LedgerEntryView }>(
        '/fund/appropriations',
        { amountFen, note, source },
        { headers: { 'Idempotency-Key': key } },
      ),
    onSuccess: ({ entry }) => {
      pending.current = null;
      form.resetFields(['amount', 'note']);
      message.success(t.appropriatedOk(formatYuan(entry.amountFen)));
      return queryClient.invalidateQueries({ queryKey: queryKeys.fund.all });
    },
    onError: (caught) => message.error(describeError(caught)),
  });
  const submitting = appropriate.isPending;

  const submit = (values: Values) => {
    const amountFen = parsePositiveYuan(values.amount);
    if (amountFen === null) return;
    const note = values.note.trim();
    const source = values.source;
    // The same amount, note and source after a failure is the same appropriation: reuse its key.
    const p = pending.current;
    const same = p && p.amountFen === amountFen && p.note === note && p.source === source;
    if (!same) pending.current = { key: newIdempotencyKey(), amountFen, note, source };
    appropriate.mutate(pending.current!);
  };

  return (
    <Card className="page-card" title={<h2 className="card-title">{t.appropriateTitle}</h2>}>
      <Form<Values>
        form={form}
        layout="inline"
        onFinish={submit}
        data-testid="appropriation-form"
        disabled={submitting}
        initialValues={{ source: MAIN_FUND_SOURCE }}
      >
        <Form.Item name="source" label={t.source}>
          <SingleSelect<string> options={fundSourceOptions(reference)} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item
          name="amount"
          label={t.amountYuan}
          required
          rules={[
            {
              validator: (_, value: string | undefined) =>
                value && parsePositiveYuan(value) !== null
                  ? Promise.resolve()
                  : Promise.reject(new Error(t.amountInvalid)),
            },
          ]}
        >
          <Input inputMode="decimal" style={{ width: 180 }} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="note"
          label={t.note}
          rules={[{ required: true, whitespace: true, message: t.noteRequired }]}
          style={{ flex: 1, minWidth: 280 }}
        >
          <Input maxLength={500} placeholder={t.notePlaceholder} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={submitting}>
            {t.submit}
          </Button>
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t.retryHint}
      </Typography.Paragraph>
    </Card>
  );
}
