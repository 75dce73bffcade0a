/**
 * Speech out, a slice of the kiosk's state: whether answers are read aloud (the guest's toggle, reset
 * to the device default for every new guest), whether the kiosk is speaking now, and whether the voice
 * failed to load (then the kiosk is text only and says so). Listening for spoken commands is another
 * slice: `features/voice/listening-state.ts`.
 */

export interface SpeechOutState {
  /** The staff setting "speak answers", the value every new guest starts with. */
  defaultOn: boolean;
  on: boolean;
  speaking: boolean;
  failed: boolean;
}

export type SpeechOutEvent =
  | { type: 'speech.default'; on: boolean }
  | { type: 'speech.toggle' }
  | { type: 'speech.speaking'; on: boolean }
  | { type: 'speech.failed' };

export function isSpeechOutEvent(event: { type: string }): event is SpeechOutEvent {
  return event.type.startsWith('speech.');
}

export function initialSpeechOut(defaultOn = true): SpeechOutState {
  return { defaultOn, on: defaultOn, speaking: false, failed: false };
}

/** A new guest: their predecessor's mute does not carry over; a failed voice stays failed. */
export function forgetSpeechOut(speech: SpeechOutState): SpeechOutState {
  return { ...speech, on: speech.defaultOn, speaking: false };
}

export function reduceSpeechOut(speech: SpeechOutState, event: SpeechOutEvent): SpeechOutState {
  switch (event.type) {
    case 'speech.default':
      return { ...speech, defaultOn: event.on, on: event.on };
    case 'speech.toggle':
      return { ...speech, on: !speech.on, speaking: speech.on ? false : speech.speaking };
    case 'speech.speaking':
      return speech.speaking === event.on ? speech : { ...speech, speaking: event.on };
    case 'speech.failed':
      return { ...speech, failed: true, speaking: false };
  }
}
