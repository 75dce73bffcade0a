import { useServices, useText } from '../../app/context.js';

/** The idle screen: one large target; any touch wakes the kiosk (face presence comes later). */
export function AttractScreen() {
  const t = useText();
  const { controller, settings } = useServices();
  return (
    <section class="attract" aria-labelledby="attract-title">
      <h1 id="attract-title">{t.attractTitle}</h1>
      {!settings.configured && <p class="notice">{t.notConfigured}</p>}
      <button type="button" class="attract-start" onClick={() => controller.wake()}>
        <span>{t.attractTouch}</span>
        <span class="attract-hint">{t.attractHint}</span>
      </button>
    </section>
  );
}
