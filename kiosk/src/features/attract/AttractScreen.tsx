import { useServices, useText } from '../../app/context.js';
import { JourneyButtons } from '../checkin/JourneyButtons.js';

/**
 * The idle screen: a touch anywhere wakes the kiosk (face presence comes with the models); the
 * large button is the same thing for keyboards and screen readers.
 */
export function AttractScreen() {
  const t = useText();
  const { controller, settings } = useServices();
  return (
    <section class="attract" aria-labelledby="attract-title" onClick={() => controller.wake()}>
      <h1 id="attract-title">{t.attractTitle}</h1>
      {!settings.configured && <p class="notice">{t.notConfigured}</p>}
      <button
        type="button"
        class="attract-start"
        onClick={(e) => {
          e.stopPropagation();
          controller.wake();
        }}
      >
        <span>{t.attractTouch}</span>
        <span class="attract-hint">{t.attractHint}</span>
      </button>
      <JourneyButtons wakeFirst />
    </section>
  );
}
