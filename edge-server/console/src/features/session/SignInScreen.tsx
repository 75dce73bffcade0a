import { useState } from 'preact/hooks';
import { useConsoleState, useServices, useText } from '../../app/context.js';

/** Sign in with the staff id and password; an expired session comes back here with its id kept. */
export function SignInScreen() {
  const state = useConsoleState();
  const t = useText();
  const { controller } = useServices();
  const [id, setId] = useState(state.signInId);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const problem =
    state.signInProblem === 'wrong'
      ? t.signInWrong
      : state.signInProblem === 'expired'
        ? t.signInExpired
        : state.signInProblem === 'network'
          ? t.signInNetwork
          : null;
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    await controller.signIn(id, password);
    setBusy(false);
  };
  return (
    <main class="signin">
      <h1>{t.signInTitle}</h1>
      {problem && (
        <p class="notice" role="alert">
          {problem}
        </p>
      )}
      <form onSubmit={(e) => void submit(e)}>
        <label for="staff-id">{t.staffId}</label>
        <input
          id="staff-id"
          name="username"
          autocomplete="username"
          autocapitalize="none"
          required
          value={id}
          onInput={(e) => setId(e.currentTarget.value)}
        />
        <label for="staff-password">{t.password}</label>
        <input
          id="staff-password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t.signingIn : t.signIn}
        </button>
      </form>
    </main>
  );
}
