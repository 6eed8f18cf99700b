import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Checkbox, Descriptions, Form, Input, Modal, Switch, Typography } from 'antd';
import { enteredChannels } from '../../../../../shared/channels';
import { isCreditCode, normalizeCreditCode } from '../../../../../shared/creditCode';
import { api, describeError } from '../../../api';
import { useLang, useT } from '../../../i18n';
import { showFieldErrors } from '../../formErrors';
import { queryKeys } from '../../queryKeys';
import { localName, useReferenceData } from '../../referenceData';
import { SingleSelect } from '../../Selects';
import type { Receipt } from './caseTypes';

const CHANNELS = enteredChannels;

interface Fields {
  channel: (typeof CHANNELS)[number];
  category: string;
  area: string;
  description: string;
  subjectName?: string;
  subjectCreditCode?: string;
  address?: string;
  anonymous: boolean;
  name?: string;
  phone?: string;
  email?: string;
  /** Real name: notices by SMS to the phone above. */
  notifyBySms?: boolean;
  /** Anonymous: a mobile number for SMS notices only. */
  noticePhone?: string;
}

const FIELD_NAMES = [
  'channel',
  'category',
  'area',
  'description',
  'subjectName',
  'subjectCreditCode',
  'address',
  'anonymous',
  'name',
  'phone',
  'email',
  'notifyBySms',
  'noticePhone',
] as const;
const blankToUndefined = (s?: string) => (s?.trim() ? s.trim() : undefined);

/** A report taken by phone, letter or in person; the receipt is read out to the reporter once. */
export function EnterReportModal({ open, onClose }: { open: boolean; onClose(entered: boolean): void }) {
  const all = useT();
  const t = all.cases;
  const lang = useLang();
  const { areas, categories } = useReferenceData();
  const [form] = Form.useForm<Fields>();
  const anonymous = Form.useWatch('anonymous', form);
  const queryClient = useQueryClient();
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const smsOffered =
    useQuery({
      queryKey: queryKeys.noticeChannels,
      queryFn: ({ signal }) => api.get<{ sms: boolean }>('/notice-channels', { signal }),
      staleTime: Infinity,
    }).data?.sms ?? false;

  const entering = useMutation({
    mutationFn: (body: unknown) => api.post<Receipt>('/reports/entered', body),
    onSuccess: (entered) => {
      setReceipt(entered);
      // The queue behind the dialog lists the new report by the time the receipt is read out.
      void queryClient.invalidateQueries({ queryKey: queryKeys.reports.lists });
    },
    onError: (caught) => showFieldErrors(form, caught, FIELD_NAMES),
  });
  const { reset } = entering;
  const error = entering.error ? describeError(entering.error) : null;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    reset();
    setReceipt(null);
  }, [open, form, reset]);

  const save = (f: Fields) => {
    const report = {
      category: f.category,
      area: f.area,
      description: f.description,
      anonymous: f.anonymous,
      subjectName: blankToUndefined(f.subjectName),
      subjectCreditCode: blankToUndefined(f.subjectCreditCode ? normalizeCreditCode(f.subjectCreditCode) : undefined),
      address: blankToUndefined(f.address),
      ...(f.anonymous
        ? { ...(smsOffered && blankToUndefined(f.noticePhone) ? { noticePhone: f.noticePhone!.trim() } : {}) }
        : {
            ...(smsOffered && f.notifyBySms ? { notifyBySms: true } : {}),
            reporter: {
              name: f.name ?? '',
              phone: f.phone ?? '',
              ...(blankToUndefined(f.email) ? { email: f.email!.trim() } : {}),
            },
          }),
    };
    entering.mutate({ channel: f.channel, report });
  };

  const required = [{ required: true, whitespace: true, message: t.forms.required }];
  return (
    <Modal
      open={open}
      title={t.enter.title}
      okText={receipt ? all.common.close : t.enter.submit}
      cancelText={all.common.cancel}
      cancelButtonProps={receipt ? { style: { display: 'none' } } : undefined}
      confirmLoading={entering.isPending}
      onOk={() => (receipt ? onClose(true) : form.submit())}
      onCancel={() => onClose(!!receipt)}
      width={640}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      {receipt ? (
        <div data-testid="entered-receipt">
          <Alert
            type="success"
            showIcon
            title={t.enter.receiptTitle}
            description={t.enter.receiptHint}
            className="page-alert"
          />
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label={t.reference}>
              <Typography.Text code copyable>
                {receipt.reference}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t.enter.accessKey}>
              <Typography.Text code copyable>
                {receipt.accessKey}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        </div>
      ) : (
        <Form<Fields>
          form={form}
          layout="vertical"
          name="enter-report"
          onFinish={save}
          initialValues={{ anonymous: false, channel: 'hotline-12350' }}
        >
          <Form.Item label={t.enter.channel} name="channel" rules={required}>
            <SingleSelect<string> options={CHANNELS.map((c) => ({ value: c, label: t.channels[c] }))} />
          </Form.Item>
          <Form.Item label={t.category} name="category" rules={required}>
            <SingleSelect<string>
              showSearch={{ optionFilterProp: 'label' }}
              options={categories.map((c) => ({ value: c.code, label: localName(c.name, lang) }))}
            />
          </Form.Item>
          <Form.Item label={t.area} name="area" rules={required}>
            <SingleSelect<string> options={areas.map((a) => ({ value: a.code, label: localName(a.name, lang) }))} />
          </Form.Item>
          <Form.Item label={t.enter.description} name="description" rules={[...required, { min: 10 }, { max: 5000 }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={5000} />
          </Form.Item>
          <Form.Item label={t.subject} name="subjectName" rules={[{ max: 120 }]}>
            <Input maxLength={120} />
          </Form.Item>
          <Form.Item
            label={t.matter.creditCode}
            name="subjectCreditCode"
            extra={t.matter.creditCodeHint}
            normalize={(v: string) => v.toUpperCase()}
            rules={[
              {
                validator: (_rule, value?: string) =>
                  !value?.trim() || isCreditCode(normalizeCreditCode(value))
                    ? Promise.resolve()
                    : Promise.reject(new Error(t.matter.creditCodeInvalid)),
              },
            ]}
          >
            <Input maxLength={24} autoComplete="off" />
          </Form.Item>
          <Form.Item label={t.enter.address} name="address" rules={[{ max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item label={t.enter.anonymous} name="anonymous" valuePropName="checked">
            <Switch />
          </Form.Item>
          {!anonymous && (
            <>
              <Form.Item label={t.enter.reporterName} name="name" rules={[...required, { max: 40 }]}>
                <Input maxLength={40} autoComplete="off" />
              </Form.Item>
              <Form.Item label={t.enter.reporterPhone} name="phone" rules={required}>
                <Input maxLength={20} autoComplete="off" />
              </Form.Item>
              <Form.Item label={t.enter.reporterEmail} name="email" rules={[{ type: 'email' }]}>
                <Input maxLength={200} autoComplete="off" />
              </Form.Item>
              {smsOffered && (
                <Form.Item name="notifyBySms" valuePropName="checked">
                  <Checkbox>{t.enter.smsNotice}</Checkbox>
                </Form.Item>
              )}
            </>
          )}
          {anonymous && smsOffered && (
            <Form.Item label={t.enter.noticePhone} name="noticePhone" extra={t.enter.noticePhoneHelp}>
              <Input maxLength={20} autoComplete="off" inputMode="tel" />
            </Form.Item>
          )}
        </Form>
      )}
    </Modal>
  );
}
