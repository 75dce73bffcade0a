import { useKioskState, useText } from './context.js';

/** A small, calm status: a dot and a few words, never an alarm; the guest can keep going offline. */
export function ConnectionIndicator() {
  const state = useKioskState();
  const t = useText();
  const label =
    state.connection === 'online'
      ? t.connOnline
      : state.connection === 'connecting'
        ? t.connConnecting
        : t.connOffline;
  return (
    <p class={`conn conn-${state.connection}`} role="status" data-connection={state.connection}>
      <span class="conn-dot" aria-hidden="true" />
      <span>{label}</span>
      {state.pending > 0 && <span class="conn-pending"> · {t.pendingSends(state.pending)}</span>}
    </p>
  );
}
