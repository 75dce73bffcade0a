import type { JSX } from 'preact';

type InputProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'type' | 'value' | 'onInput'>;

/**
 * A guest's text field. The kiosk is shared: the browser must never offer the next guest what the last
 * one typed (a name, an ID number, a room), so autocomplete is always off here.
 */
export function TextInput({
  value,
  onValue,
  type = 'text',
  ...rest
}: InputProps & { type?: 'text' | 'search'; value: string; onValue: (value: string) => void }) {
  return (
    <input
      {...rest}
      type={type}
      autocomplete="off"
      value={value}
      onInput={(e) => onValue(e.currentTarget.value)}
    />
  );
}
