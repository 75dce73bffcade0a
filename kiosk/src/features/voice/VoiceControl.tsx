import { useKioskState, useServices, useText } from '../../app/context.js';

/** The microphone button: turns hands-free voice commands on and off. */
export function MicButton() {
  const state = useKioskState();
  const t = useText();
  const { voice } = useServices();
  const on = state.listening.status === 'listening' || state.listening.status === 'starting';
  return (
    <button
      type="button"
      class={`mic${on ? ' mic-on' : ''}`}
      aria-label={on ? t.voiceStop : t.voiceStart}
      aria-pressed={on}
      disabled={!voice}
      onClick={() => void voice?.toggle()}
    >
      <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.9V21h2v-3.1A7 7 0 0 0 19 11h-2z"
        />
      </svg>
    </button>
  );
}

/** Says plainly what the kiosk can do with the microphone now (commands only, never dictation). */
export function VoiceStatus() {
  const state = useKioskState();
  const t = useText();
  const { voice } = useServices();
  const v = state.listening;
  let text: string;
  switch (v.status) {
    case 'off':
      if (!voice) return null;
      text = t.voiceOffHint;
      break;
    case 'starting':
      text = t.voiceStarting;
      break;
    case 'listening':
      text = v.heard
        ? t.voiceHeard(t.voiceCommandLabels[v.heard])
        : v.hearing
          ? t.voiceHearing
          : t.voiceListening;
      break;
    case 'denied':
      text = t.voiceDenied;
      break;
    case 'unavailable':
      text = t.voiceUnavailable;
      break;
  }
  return (
    <p class="voice-status" role="status" data-voice={v.status}>
      {text}
    </p>
  );
}
