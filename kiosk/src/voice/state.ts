/**
 * The voice slice of the kiosk's state: whether answers are read aloud (the guest's toggle, reset to
 * the device default for every new guest), whether the kiosk is speaking now, and whether the voice
 * failed to load (then the kiosk is text only and says so).
 */

export interface VoiceState {
  /** The staff setting "speak answers", the value every new guest starts with. */
  defaultOn: boolean;
  on: boolean;
  speaking: boolean;
  failed: boolean;
}

export type VoiceEvent =
  | { type: 'voice_default'; on: boolean }
  | { type: 'voice_toggle' }
  | { type: 'speaking'; on: boolean }
  | { type: 'voice_failed' };

export function initialVoice(defaultOn = true): VoiceState {
  return { defaultOn, on: defaultOn, speaking: false, failed: false };
}

/** A new guest: their predecessor's mute does not carry over; a failed voice stays failed. */
export function forgetVoice(voice: VoiceState): VoiceState {
  return { ...voice, on: voice.defaultOn, speaking: false };
}

export function reduceVoice(voice: VoiceState, event: VoiceEvent): VoiceState {
  switch (event.type) {
    case 'voice_default':
      return { ...voice, defaultOn: event.on, on: event.on };
    case 'voice_toggle':
      return { ...voice, on: !voice.on, speaking: voice.on ? false : voice.speaking };
    case 'speaking':
      return voice.speaking === event.on ? voice : { ...voice, speaking: event.on };
    case 'voice_failed':
      return { ...voice, failed: true, speaking: false };
  }
}
