import { useState } from 'react';
import { Select, type SelectProps } from 'antd';

/**
 * A single-value Select that closes its list when an option is chosen.
 * antd 6.0.0 can leave the list open after a quick click on an option
 * (ant-design/ant-design#56062, fixed in a later 6.x); owning `open` sidesteps it.
 * Remove once antd is upgraded.
 */
export function SingleSelect<Value extends string | number>(props: Omit<SelectProps<Value>, 'mode' | 'open'>) {
  const [open, setOpen] = useState(false);
  const { onOpenChange, onSelect } = props;
  return (
    <Select<Value>
      {...props}
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
