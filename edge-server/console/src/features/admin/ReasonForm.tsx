import { useState } from 'preact/hooks';
import { useAdminText } from './admin-text.js';

/** A required one-line reason and the button that sends it; cleared after a success. */
export function ReasonForm(props: {
  submit: string;
  onSubmit(reason: string): Promise<boolean>;
  id?: string;
}) {
  const t = useAdminText();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const id = props.id ?? 'kb-reason';
  return (
    <form
      class="reason-form"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        void props.onSubmit(reason).then((ok) => {
          setBusy(false);
          if (ok) setReason('');
        });
      }}
    >
      <label for={id}>{t.reason}</label>
      <input
        id={id}
        required
        maxLength={500}
        value={reason}
        onInput={(e) => setReason(e.currentTarget.value)}
      />
      <button type="submit" class="primary" disabled={busy}>
        {props.submit}
      </button>
    </form>
  );
}
