import { useState } from 'preact/hooks';
import { useConsoleState, useServices, useText } from '../../app/context.js';
import type { PasswordOutcome } from './account.js';

/** "My account": who I am, change my password, sign out (on the server too). */
export function AccountScreen() {
  const state = useConsoleState();
  const t = useText();
  const { controller } = useServices();
  const staff = state.session?.staff;
  if (!staff) return null;
  return (
    <main class="account" aria-labelledby="account-title">
      <h1 id="account-title">{t.accountTitle}</h1>
      <p>{t.accountWho(staff.name, staff.id)}</p>
      <PasswordSection staffId={staff.id} />
      <section>
        <p class="hint">{t.signOutHint}</p>
        <button type="button" class="secondary" onClick={() => void controller.signOut()}>
          {t.signOut}
        </button>
      </section>
    </main>
  );
}

/** Current, new, repeat; the outcome in the user's language (success: other devices signed out). */
function PasswordSection({ staffId }: { staffId: string }) {
  const t = useText();
  const { controller } = useServices();
  const [form, setForm] = useState({ current: '', next: '', repeat: '' });
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<PasswordOutcome | null>(null);
  const field = (key: keyof typeof form) => ({
    value: form[key],
    onInput: (e: { currentTarget: HTMLInputElement }) => setForm({ ...form, [key]: e.currentTarget.value }),
  });
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const result = await controller.changePassword(form);
    setBusy(false);
    setOutcome(result);
    if (result.ok) setForm({ current: '', next: '', repeat: '' });
  };
  return (
    <section aria-labelledby="password-title">
      <h2 id="password-title">{t.passwordTitle}</h2>
      {outcome && (
        <p
          class="notice"
          role={outcome.ok ? 'status' : 'alert'}
          data-password-outcome={outcome.ok ? 'ok' : outcome.problem}
        >
          {outcome.ok ? t.passwordChanged : t.passwordProblem[outcome.problem]}
        </p>
      )}
      <form class="password-form" onSubmit={(e) => void submit(e)}>
        {/* A hidden username lets password managers file the new password under the right account. */}
        <input type="text" name="username" autocomplete="username" value={staffId} readOnly hidden />
        <label for="password-current">{t.passwordCurrent}</label>
        <input
          id="password-current"
          type="password"
          autocomplete="current-password"
          required
          {...field('current')}
        />
        <label for="password-new">{t.passwordNew}</label>
        <input
          id="password-new"
          type="password"
          autocomplete="new-password"
          aria-describedby="password-hint"
          required
          {...field('next')}
        />
        <p id="password-hint" class="hint">
          {t.passwordHint}
        </p>
        <label for="password-repeat">{t.passwordRepeat}</label>
        <input
          id="password-repeat"
          type="password"
          autocomplete="new-password"
          required
          {...field('repeat')}
        />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t.passwordSaving : t.passwordSave}
        </button>
      </form>
    </section>
  );
}
