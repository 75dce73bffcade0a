import type { JSX, Ref } from 'preact';

// `ref` is left out: on a function component Preact keeps it for the component, not the <input>.
type InputProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'type' | 'value' | 'onInput' | 'ref'>;

/**
 * A guest's text field. The kiosk is shared: the browser must never offer the next guest what the last
 * one typed (a name, an ID number, a room), so autocomplete is always off here.
 */
export function TextInput({
  value,
  onValue,
  type = 'text',
  inputRef,
  ...rest
}: InputProps & {
  type?: 'text' | 'search';
  value: string;
  onValue: (value: string) => void;
  /** The <input> itself (to focus it). */
  inputRef?: Ref<HTMLInputElement>;
}) {
  return (
    <input
      {...rest}
      ref={inputRef}
      type={type}
      autocomplete="off"
      value={value}
      onInput={(e) => onValue(e.currentTarget.value)}
    />
  );
}
