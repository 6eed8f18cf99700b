// Rectification (整改闭环) on the case page: each task with its order, enterprise,
// overseeing unit, due day and listing, its re-inspections with the photos before
// and after, and its sign-off; and the re-inspection form for verifiers while a
// task awaits re-inspection. The server decides whether this person may record it.
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Form, Input, List, Radio, Space, Tag, Typography } from 'antd';
import { inGroup } from '../../../../../shared/workflow';
import { api } from '../../../api';
import { formatDateTime } from '../../../format';
import { useT } from '../../../i18n';
import { showFieldErrors } from '../../formErrors';
import { useReferenceData } from '../../referenceData';
import { useCurrentUser } from '../../session';
import { SingleSelect } from '../../Selects';
import type { CaseView } from './caseTypes';
import { isStale, useCaseErrors } from './useCaseErrors';

type Task = CaseView['rectifications'][number];
type Reinspection = Task['reinspections'][number];

const RESULTS = ['completed', 'partly', 'not-done'] as const;
const STATUS_COLORS: Record<string, string> = { open: 'gold', 'awaiting-sign-off': 'purple', completed: 'green' };

const photoUrl = (reference: string, fileId: string) => `/api/v1/reports/${reference}/evidence/${fileId}`;

function useStaffName() {
  const me = useCurrentUser();
  const s = useT().cases.outcome.sections;
  return (id: string | undefined) => (!id ? '' : id === me.id ? s.mine(me.displayName) : s.staffRef(id));
}

function Photos({ reference, ids, stage }: { reference: string; ids: string[]; stage: string }) {
  const r = useT().cases.outcome.rectification;
  if (!ids.length) return null;
  return (
    <Space wrap size="small" data-testid={`photos-${stage}`}>
      <Typography.Text type="secondary">{stage === 'before' ? r.before : r.after}</Typography.Text>
      {ids.map((id, i) => (
        <a key={id} href={photoUrl(reference, id)} target="_blank" rel="noreferrer">
          <img
            src={photoUrl(reference, id)}
            alt={r.photo(stage === 'before' ? r.before : r.after, i + 1)}
            className="case-rectification__thumb"
          />
        </a>
      ))}
    </Space>
  );
}

function ReinspectionItem({ reference, item }: { reference: string; item: Reinspection }) {
  const { rectification: r, sep } = useT().cases.outcome;
  const staffName = useStaffName();
  const color = item.result === 'completed' ? 'green' : item.result === 'partly' ? 'gold' : 'red';
  return (
    <List.Item data-testid="reinspection">
      <Space orientation="vertical" size={2}>
        <Space wrap>
          <Tag color={color}>{r.results[item.result]}</Tag>
          <span>
            {r.inspectedOn} {item.inspectedOn}
          </span>
          <Typography.Text type="secondary">
            {r.inspector} {staffName(item.inspectorId)} · {r.recordedAt} {formatDateTime(item.recordedAt)}
          </Typography.Text>
        </Space>
        <Typography.Text className="case-description">{item.note}</Typography.Text>
        {item.penaltyNote && (
          <Typography.Text type="danger" className="case-description">
            {r.penaltyNote}
            {sep}
            {item.penaltyNote}
          </Typography.Text>
        )}
        <Photos reference={reference} ids={item.beforeFileIds} stage="before" />
        <Photos reference={reference} ids={item.afterFileIds} stage="after" />
      </Space>
    </List.Item>
  );
}

function TaskItem({ reference, task }: { reference: string; task: Task }) {
  const r = useT().cases.outcome.rectification;
  const { unitName } = useReferenceData();
  const staffName = useStaffName();
  return (
    <Card size="small" className="case-rectification" data-testid={`rectification-${task.taskId}`}>
      <Space wrap className="case-rectification__tags">
        <Typography.Text strong>{task.taskId}</Typography.Text>
        <Tag color={STATUS_COLORS[task.status]} data-testid="rectification-status">
          {r.statuses[task.status]}
        </Tag>
        {task.overdue && <Tag color="red">{r.overdue}</Tag>}
        {task.followUp && <Tag color="orange">{r.followUp}</Tag>}
        {task.major && <Tag color="volcano">{r.major}</Tag>}
        {task.disputedAt && <Tag color="magenta">{r.disputed}</Tag>}
      </Space>
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={r.order}>{task.orderNo}</Descriptions.Item>
        <Descriptions.Item label={r.enterprise}>{task.enterprise}</Descriptions.Item>
        <Descriptions.Item label={r.unit}>{unitName(task.unitCode)}</Descriptions.Item>
        <Descriptions.Item label={r.dueOn}>
          <Typography.Text type={task.overdue ? 'danger' : undefined}>{task.dueOn}</Typography.Text>
        </Descriptions.Item>
        {task.listingBody && <Descriptions.Item label={r.major}>{r.listing(task.listingBody)}</Descriptions.Item>}
        {task.signedOffAt && (
          <Descriptions.Item label={r.signOff}>
            <span data-testid="rectification-signed-off">
              {r.signedOff(formatDateTime(task.signedOffAt))} · {staffName(task.signedOffById)}
            </span>
          </Descriptions.Item>
        )}
      </Descriptions>
      {task.reinspections.length > 0 && (
        <List
          size="small"
          header={r.reinspections}
          dataSource={task.reinspections}
          renderItem={(item) => <ReinspectionItem reference={reference} item={item} />}
        />
      )}
    </Card>
  );
}

/** A file input for photos of one stage; the chosen files are kept outside the antd form. */
function PhotoPicker({
  id,
  label,
  files,
  onChange,
}: {
  id: string;
  label: string;
  files: File[];
  onChange(files: File[]): void;
}) {
  const f = useT().cases.outcome.rectification.form;
  return (
    <div className="case-photo-picker">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="file"
        accept="image/jpeg,image/png,image/webp"
        multiple
        onChange={(e) => onChange(Array.from(e.target.files ?? []))}
      />
      {files.length > 0 && <Typography.Text type="secondary">{f.selected(files.length)}</Typography.Text>}
    </div>
  );
}

interface ReinspectionValues {
  taskId?: string;
  inspectedOn?: string;
  result?: (typeof RESULTS)[number];
  note?: string;
  penaltyNote?: string;
  newDueOn?: string;
}

function ReinspectionForm({
  view,
  open,
  onChanged,
  onStale,
}: {
  view: CaseView;
  open: Task[];
  onChanged(view: CaseView): void;
  onStale(): void;
}) {
  const all = useT();
  const f = all.cases.outcome.rectification.form;
  const required = all.cases.outcome.forms.required;
  const { message } = App.useApp();
  const [form] = Form.useForm<ReinspectionValues>();
  const [before, setBefore] = useState<File[]>([]);
  const [after, setAfter] = useState<File[]>([]);
  // A new pick of files replaces the input's earlier one; clearing the inputs needs a new key.
  const [inputsKey, setInputsKey] = useState(0);
  const { error, handle, clear } = useCaseErrors(onStale);
  const result = Form.useWatch('result', form);

  const record = useMutation({
    mutationFn: (values: ReinspectionValues) => {
      const body = new FormData();
      const part = {
        taskId: values.taskId,
        inspectedOn: values.inspectedOn,
        result: values.result,
        note: values.note?.trim(),
        penaltyNote: values.result === 'not-done' ? values.penaltyNote?.trim() || undefined : undefined,
        newDueOn: values.result !== 'completed' ? values.newDueOn : undefined,
        stages: [...before.map(() => 'before'), ...after.map(() => 'after')],
      };
      body.append('reinspection', JSON.stringify(part));
      for (const file of [...before, ...after]) body.append('evidence', file, file.name);
      return api.post<CaseView>(`/reports/${view.reference}/reinspections`, body);
    },
    onSuccess: (updated) => {
      message.success(f.done);
      form.resetFields();
      setBefore([]);
      setAfter([]);
      setInputsKey((k) => k + 1);
      onChanged(updated);
    },
    onError: (caught) => {
      if (!isStale(caught))
        showFieldErrors(form, caught, ['taskId', 'inspectedOn', 'result', 'note', 'penaltyNote', 'newDueOn']);
      handle(caught);
    },
  });

  const submit = (values: ReinspectionValues) => {
    clear();
    if (values.result === 'completed' && after.length === 0) {
      form.setFields([{ name: 'result', errors: [f.afterRequired] }]);
      return;
    }
    record.mutate(values);
  };

  return (
    <div className="case-reinspection-form" data-testid="reinspection-form">
      <Typography.Title level={2} className="case-section-title">
        {f.title}
      </Typography.Title>
      {error}
      <Form<ReinspectionValues>
        form={form}
        layout="vertical"
        name="reinspection"
        onFinish={submit}
        initialValues={{ taskId: open.length === 1 ? open[0].taskId : undefined }}
      >
        <Form.Item label={f.task} name="taskId" rules={[{ required: true, message: required }]}>
          <SingleSelect<string>
            options={open.map((t) => ({ value: t.taskId, label: `${t.taskId} · ${t.orderNo} · ${t.enterprise}` }))}
          />
        </Form.Item>
        <Form.Item label={f.inspectedOn} name="inspectedOn" rules={[{ required: true, message: required }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item label={f.result} name="result" rules={[{ required: true, message: required }]}>
          <Radio.Group
            options={RESULTS.map((k) => ({ value: k, label: all.cases.outcome.rectification.results[k] }))}
          />
        </Form.Item>
        <Form.Item
          label={f.note}
          name="note"
          rules={[{ required: true, whitespace: true, message: required }, { max: 2000 }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        {result === 'not-done' && (
          <Form.Item label={f.penaltyNote} name="penaltyNote" rules={[{ max: 2000 }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
        )}
        {result && result !== 'completed' && (
          <Form.Item label={f.newDueOn} name="newDueOn" rules={[{ required: true, message: required }]}>
            <Input type="date" />
          </Form.Item>
        )}
        <Space wrap align="start" key={inputsKey} className="case-photo-pickers">
          <PhotoPicker id="reinspection-before" label={f.beforePhotos} files={before} onChange={setBefore} />
          <PhotoPicker id="reinspection-after" label={f.afterPhotos} files={after} onChange={setAfter} />
        </Space>
        <Typography.Paragraph type="secondary">{f.photosHint}</Typography.Paragraph>
        <Button type="primary" htmlType="submit" loading={record.isPending}>
          {f.submit}
        </Button>
      </Form>
    </div>
  );
}

export function RectificationCard({
  view,
  onChanged,
  onStale,
}: {
  view: CaseView;
  onChanged(view: CaseView): void;
  onStale(): void;
}) {
  const r = useT().cases.outcome.rectification;
  const me = useCurrentUser();
  if (!inGroup('substantiated', view.status) && view.rectifications.length === 0) return null;
  const open = view.rectifications.filter((t) => t.status === 'open');
  // record-reinspection has its own endpoint (photos), so it is not in allowedActions: the server decides.
  const mayReinspect = me.role === 'verifier' && open.length > 0 && inGroup('substantiated', view.status);
  return (
    <Card title={r.title} className="page-card" data-testid="rectification-card">
      {view.rectifications.length ? (
        <Space orientation="vertical" className="case-rectifications">
          {view.rectifications.map((task) => (
            <TaskItem key={task.taskId} reference={view.reference} task={task} />
          ))}
        </Space>
      ) : (
        <Typography.Text type="secondary">{r.none}</Typography.Text>
      )}
      {mayReinspect && <ReinspectionForm view={view} open={open} onChanged={onChanged} onStale={onStale} />}
    </Card>
  );
}
