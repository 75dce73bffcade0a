import { useKioskState, useServices, useText } from '../../app/context.js';
import { JourneyButtons } from '../journey/JourneyButtons.js';
import { usePresenceWake } from '../../vision/use-presence-wake.js';

/**
 * The idle screen: a guest stepping up to the camera (face presence) or a touch anywhere wakes the
 * kiosk, and so does the wake phrase when the kiosk listens; the large button is the same thing for
 * keyboards and screen readers.
 */
export function AttractScreen() {
  const t = useText();
  const { controller, settings, presence } = useServices();
  const presenceStatus = usePresenceWake(presence, () => controller.wake());
  // Listening on the idle screen acts on the wake phrase only (see VoiceController): say which.
  const listening = useKioskState().listening.status === 'listening';
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
      {listening && (
        <p class="attract-voice" data-voice-hint="wake">
          {t.attractVoiceHint}
        </p>
      )}
      <JourneyButtons wakeFirst />
      {presenceStatus.kind === 'watching' && (
        <p class="presence-note" data-presence="watching">
          {t.presenceCameraNote}
        </p>
      )}
    </section>
  );
}
