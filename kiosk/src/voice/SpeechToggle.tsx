import { useKioskState, useServices, useText } from '../app/context.js';

/** The guest's mute/unmute for spoken answers; a plain note instead when the voice failed to load. */
export function SpeechToggle() {
  const { speech: voice } = useKioskState();
  const t = useText();
  const { store } = useServices();
  if (voice.failed)
    return (
      <p class="voice-note" role="status">
        {t.speechUnavailable}
      </p>
    );
  return (
    <button
      type="button"
      class="chip speech-toggle"
      aria-pressed={voice.on}
      onClick={() => store.dispatch({ type: 'speech.toggle' })}
    >
      <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
        <path fill="currentColor" d="M3 9v6h4l5 5V4L7 9H3z" />
        {voice.on ? (
          <path fill="currentColor" d="M16.5 12a4.5 4.5 0 0 0-2.5-4v8a4.5 4.5 0 0 0 2.5-4z" />
        ) : (
          <path
            fill="currentColor"
            d="M15 9.4 16.4 8l2.1 2.1L20.6 8 22 9.4 19.9 11.5 22 13.6 20.6 15l-2.1-2.1-2.1 2.1-1.4-1.4 2.1-2.1z"
          />
        )}
      </svg>
      {t.speechToggle}
    </button>
  );
}
