// Exactly the actions the server allows this person on this report, each opening its form.
import { useEffect, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Form, Modal, Typography } from 'antd';
import { moneyActions, type WorkflowActionName } from '../../../../../shared/workflow';
import { api } from '../../../api';
import { newIdempotencyKey } from '../../idempotencyKey';
import { useLang, useT } from '../../../i18n';
import { showFieldErrors } from '../../formErrors';
import { actionForms, confirmOnly, type FormValues } from './actionForms';
import { actionName } from './caseLabels';
import type { CaseView } from './caseTypes';
import { isStale, useCaseErrors } from './useCaseErrors';

function ActionDialog({
  view,
  action,
  onClose,
  onDone,
  onStale,
}: {
  view: CaseView;
  action: string | null;
  onClose(): void;
  onDone(view: CaseView): void;
  onStale(): void;
}) {
  const all = useT();
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  // One key per opened dialog: resubmitting after an error retries the same request, so money moves once.
  const [moneyKey, setMoneyKey] = useState(newIdempotencyKey);
  const { error, handle, clear } = useCaseErrors(() => {
    onClose();
    onStale();
  });
  // Keep the last action while the dialog animates closed.
  const [shown, setShown] = useState(action);
  if (action && action !== shown) setShown(action);
  const entry = (shown && actionForms[shown]) || confirmOnly;
  const name = shown ? actionName(shown, lang) : '';

  useEffect(() => {
    if (!action) return;
    clear();
    setMoneyKey(newIdempotencyKey());
    form.resetFields();
    form.setFieldsValue(
      ((actionForms[action] ?? confirmOnly).initialValues?.(view) ?? {}) as Parameters<typeof form.setFieldsValue>[0],
    );
    // Only a newly opened action resets the form; later view updates must not wipe what was typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
  }, [action]);

  const act = useMutation({
    mutationFn: ({ action: name, body }: { action: string; body: unknown }) => {
      const headers = moneyActions.includes(name as WorkflowActionName) ? { 'Idempotency-Key': moneyKey } : undefined;
      return api.post<CaseView>(`/reports/${view.reference}/actions/${name}`, body, { headers });
    },
    onSuccess: (updated) => {
      message.success(all.cases.case.done(name));
      onDone(updated);
    },
    onError: (caught) => {
      if (!isStale(caught)) showFieldErrors(form, caught, Object.keys(form.getFieldsValue(true)));
      handle(caught);
    },
  });

  const submit = (values: FormValues) => {
    if (!shown) return;
    clear();
    act.mutate({ action: shown, body: entry.payload(values) });
  };

  return (
    <Modal
      open={action !== null}
      title={name}
      okText={name}
      cancelText={all.common.cancel}
      confirmLoading={act.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={entry.width}
      forceRender
    >
      {error}
      {!actionForms[shown ?? ''] && <Typography.Paragraph>{all.cases.case.confirm(name)}</Typography.Paragraph>}
      <Form<FormValues> form={form} layout="vertical" name={`action-${shown ?? 'none'}`} onFinish={submit}>
        <entry.Fields view={view} />
      </Form>
    </Modal>
  );
}

export function ActionBar({
  view,
  onChanged,
  onStale,
}: {
  view: CaseView;
  onChanged(view: CaseView): void;
  onStale(): void;
}) {
  const all = useT();
  const lang = useLang();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Card title={all.cases.case.actionsTitle} className="page-card" data-testid="case-actions">
      {view.allowedActions.length ? (
        <div className="case-actions">
          {view.allowedActions.map((action) => (
            <Button
              key={action}
              type={action === view.allowedActions[0] ? 'primary' : 'default'}
              onClick={() => setOpen(action)}
            >
              {actionName(action, lang)}
            </Button>
          ))}
        </div>
      ) : (
        <Typography.Text type="secondary">{all.cases.case.noActions}</Typography.Text>
      )}
      <ActionDialog
        view={view}
        action={open}
        onClose={() => setOpen(null)}
        onStale={onStale}
        onDone={(updated) => {
          setOpen(null);
          onChanged(updated);
        }}
      />
    </Card>
  );
}
