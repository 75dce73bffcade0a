import { useConsoleState, useServices, useText } from '../../app/context.js';

/**
 * On duty or not, and where I am (a place of the site's KB): sent as `presence.set`; the way to my
 * account (password, sign-out).
 */
export function DutyBar() {
  const state = useConsoleState();
  const t = useText();
  const { controller } = useServices();
  const places = (state.kb?.places ?? []).filter((p) => p.kind !== 'junction');
  return (
    <section class="duty" aria-label={t.dutyLabel}>
      <label class="switch">
        <input
          type="checkbox"
          role="switch"
          checked={state.onDuty}
          onChange={(e) => void controller.setDuty(e.currentTarget.checked, state.place)}
        />
        <span>{state.onDuty ? t.onDuty : t.offDuty}</span>
      </label>
      <label class="place">
        <span>{t.placeLabel}</span>
        <select
          value={state.place ?? ''}
          onChange={(e) => void controller.setDuty(state.onDuty, e.currentTarget.value || null)}
        >
          <option value="">{t.placeNone}</option>
          {places.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name[state.lang]}
            </option>
          ))}
        </select>
      </label>
      <a class="account-link" href="#/account">
        {t.accountLink}
      </a>
    </section>
  );
}
