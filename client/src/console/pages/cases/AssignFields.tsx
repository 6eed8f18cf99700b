// Unit, verifier and deadline: the fields of an acceptance, alone or in bulk.
import { Form, InputNumber } from 'antd';
import { useLang, useT } from '../../../i18n';
import { localName, useReferenceData } from '../../referenceData';
import { SingleSelect } from '../../SingleSelect';
import type { Verifier } from './caseTypes';

export const DEFAULT_VERIFICATION_DAYS = 60;

export function AssignFields({
  verifiers,
  suggestedUnitCode,
}: {
  verifiers: Verifier[];
  suggestedUnitCode?: string | null;
}) {
  const all = useT();
  const t = all.cases.assign;
  const lang = useLang();
  const { units, unitName } = useReferenceData();
  const required = [{ required: true, message: all.cases.forms.required }];
  return (
    <>
      <Form.Item
        label={t.unit}
        name="unitCode"
        rules={required}
        extra={suggestedUnitCode ? t.suggested(unitName(suggestedUnitCode)) : undefined}
      >
        <SingleSelect<string>
          showSearch={{ optionFilterProp: 'label' }}
          options={units.map((u) => ({ value: u.code, label: localName(u.name, lang) }))}
        />
      </Form.Item>
      <Form.Item label={t.verifier} name="verifierId" rules={required}>
        <SingleSelect<string>
          showSearch={{ optionFilterProp: 'label' }}
          options={verifiers.map((v) => ({ value: v.id, label: `${v.displayName} · ${unitName(v.unitCode)}` }))}
        />
      </Form.Item>
      <Form.Item label={t.days} name="dueInDays" rules={required} initialValue={DEFAULT_VERIFICATION_DAYS}>
        <InputNumber min={1} max={DEFAULT_VERIFICATION_DAYS} precision={0} />
      </Form.Item>
    </>
  );
}
