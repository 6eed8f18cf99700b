// The conversation with the reporter: staff see the reporter only as "Reporter", never who they are.
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, Space, Typography } from 'antd';
import { api } from '../../../api';
import { formatDateTime } from '../../../format';
import { useT } from '../../../i18n';
import type { CaseView } from './caseTypes';
import { useCaseErrors } from './useCaseErrors';

export function CaseMessages({
  view,
  onChanged,
  onStale,
}: {
  view: CaseView;
  onChanged(view: CaseView): void;
  onStale(): void;
}) {
  const t = useT().cases.case;
  const { message } = App.useApp();
  const [body, setBody] = useState('');
  const { error, handle, clear } = useCaseErrors(onStale);
  const sending = useMutation({
    mutationFn: (text: string) => api.post<CaseView>(`/reports/${view.reference}/messages`, { body: text }),
    onSuccess: (updated) => {
      onChanged(updated);
      setBody('');
      message.success(t.sent);
    },
    onError: handle,
  });

  const send = () => {
    if (!body.trim()) return;
    clear();
    sending.mutate(body.trim());
  };

  return (
    <Card title={t.messagesTitle} className="page-card">
      {view.messages.length ? (
        <ol className="case-thread" data-testid="case-messages">
          {view.messages.map((m, i) => (
            <li key={`${m.at}-${i}`} className={`case-thread__message case-thread__message--${m.from}`}>
              <Typography.Text strong>{m.from === 'reporter' ? t.reporter : t.staff}</Typography.Text>{' '}
              <Typography.Text type="secondary">{formatDateTime(m.at)}</Typography.Text>
              <div>{m.body}</div>
            </li>
          ))}
        </ol>
      ) : (
        <Typography.Paragraph type="secondary">{t.noMessages}</Typography.Paragraph>
      )}
      {error}
      {view.canMessage ? (
        <Space.Compact block>
          <Input.TextArea
            aria-label={t.messagePlaceholder}
            placeholder={t.messagePlaceholder}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            maxLength={2000}
            autoSize={{ minRows: 2, maxRows: 6 }}
          />
          <Button type="primary" onClick={send} loading={sending.isPending} disabled={!body.trim()}>
            {t.send}
          </Button>
        </Space.Compact>
      ) : (
        <Alert type="info" title={t.conversationClosed} />
      )}
    </Card>
  );
}
