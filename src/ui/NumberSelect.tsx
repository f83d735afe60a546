import type { SelectHTMLAttributes } from 'react';

type NumberSelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> & {
  value: number;
  choices: readonly number[];
  onChange(value: number): void;
};

/** A <select> of numbers in increasing order; the current value is offered even when it is not a preset. */
export function NumberSelect({ value, choices, onChange, ...rest }: NumberSelectProps) {
  const options = [...new Set([...choices, value])].sort((a, b) => a - b);
  return (
    <select value={value} onChange={(e) => onChange(Number(e.target.value))} {...rest}>
      {options.map((n) => (
        <option key={n} value={n}>
          {n}
        </option>
      ))}
    </select>
  );
}
