import type { CommandId } from '@frontdesk/models/speech';

/**
 * The voice slice of the kiosk state: whether the kiosk is listening, whether it hears speech, and
 * the last command it understood (shown so the guest sees what the kiosk took from their words).
 */
export type VoiceStatus =
  /** Not listening; the mic button starts it. */
  | 'off'
  | 'starting'
  | 'listening'
  /** The guest or the device refused the microphone. */
  | 'denied'
  /** No microphone, or the models could not be loaded: voice is off, touch works as always. */
  | 'unavailable';

export interface VoiceState {
  readonly status: VoiceStatus;
  readonly hearing: boolean;
  readonly heard: CommandId | null;
}

export const INITIAL_VOICE_STATE: VoiceState = { status: 'off', hearing: false, heard: null };

export type VoiceEvent =
  | { readonly type: 'starting' }
  | { readonly type: 'listening' }
  | { readonly type: 'stopped' }
  | { readonly type: 'denied' }
  | { readonly type: 'unavailable' }
  | { readonly type: 'speech'; readonly on: boolean }
  | { readonly type: 'command'; readonly command: CommandId };

export function reduceVoice(state: VoiceState, event: VoiceEvent): VoiceState {
  switch (event.type) {
    case 'starting':
      return { ...state, status: 'starting' };
    case 'listening':
      return { ...state, status: 'listening' };
    case 'stopped':
      return { ...INITIAL_VOICE_STATE };
    case 'denied':
      return { ...INITIAL_VOICE_STATE, status: 'denied' };
    case 'unavailable':
      return { ...INITIAL_VOICE_STATE, status: 'unavailable' };
    case 'speech':
      return state.status === 'listening' ? { ...state, hearing: event.on } : state;
    case 'command':
      return state.status === 'listening' ? { ...state, heard: event.command } : state;
  }
}

/** A new guest: keep listening (a device setting), forget what the last guest said. */
export function forgetGuest(state: VoiceState): VoiceState {
  return { ...state, heard: null, hearing: false };
}
