// The console's selects. antd 6.0.0 has two faults fixed in later 6.x; remove these
// wrappers once antd is upgraded:
// - a quick click on an option can leave a single select's list open
//   (ant-design/ant-design#56062); SingleSelect owns `open` and closes it on a choice;
// - a required Form.Item marks its control `aria-required`, which the Select also puts on
//   its wrapper, where the attribute is not allowed (axe: aria-allowed-attr); both
//   wrappers give it to the combobox input alone.
import { useState } from 'react';
import { Select, type SelectProps } from 'antd';

interface AriaRequired {
  'aria-required'?: boolean | 'true' | 'false';
}

/** The Select's props with `aria-required` moved from the wrapper to the input. */
function requiredOnInput<P extends AriaRequired & { components?: SelectProps['components'] }>(props: P) {
  const { 'aria-required': required, ...rest } = props;
  if (required === undefined) return rest;
  return { ...rest, components: { ...rest.components, input: <input aria-required={required} /> } };
}

/** A single-value Select that closes its list when an option is chosen. */
export function SingleSelect<Value extends string | number>(
  props: Omit<SelectProps<Value>, 'mode' | 'open'> & AriaRequired,
) {
  const [open, setOpen] = useState(false);
  const { onOpenChange, onSelect } = props;
  return (
    <Select<Value>
      {...requiredOnInput(props)}
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        onOpenChange?.(next);
      }}
      onSelect={(value, option) => {
        setOpen(false);
        onSelect?.(value, option);
      }}
    />
  );
}

/** A Select of several values. */
export function MultipleSelect<Value extends string | number>(
  props: Omit<SelectProps<Value[]>, 'mode'> & AriaRequired,
) {
  return <Select<Value[]> mode="multiple" {...requiredOnInput(props)} />;
}
