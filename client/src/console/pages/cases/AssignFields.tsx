// Unit, verifier and deadline: the fields of an acceptance, alone or in bulk.
import { Form, InputNumber } from 'antd';
import { useLang, useT } from '../../../i18n';
import { localName, useReferenceData } from '../../referenceData';
import { SingleSelect } from '../../Selects';
import type { Verifier } from './caseTypes';

export const DEFAULT_VERIFICATION_DAYS = 60;

/**
 * A verifier as a picker shows and reads them: name, unit, areas and open cases, never the
 * account id (the option's accessible name is this label; its value, the id, stays internal).
 */
export function useVerifierOptions(verifiers: Verifier[]): { value: string; label: string }[] {
  const all = useT();
  const t = all.cases.assign;
  const { unitName, areaName } = useReferenceData();
  const areasOf = (v: Verifier) =>
    v.allAreas
      ? all.cases.allAreas
      : v.areaCodes.length <= 2
        ? v.areaCodes.map(areaName).join(all.common.listSeparator)
        : t.areasCount(v.areaCodes.length);
  return verifiers.map((v) => ({
    value: v.id,
    label: [v.displayName, unitName(v.unitCode), areasOf(v), t.openCases(v.openCases)].join(' · '),
  }));
}

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
  const verifierOptions = useVerifierOptions(verifiers);
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
        <SingleSelect<string> showSearch={{ optionFilterProp: 'label' }} options={verifierOptions} />
      </Form.Item>
      <Form.Item label={t.days} name="dueInDays" rules={required} initialValue={DEFAULT_VERIFICATION_DAYS}>
        <InputNumber min={1} max={DEFAULT_VERIFICATION_DAYS} precision={0} />
      </Form.Item>
    </>
  );
}
