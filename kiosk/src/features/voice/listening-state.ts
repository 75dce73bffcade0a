import type { CommandId } from '@frontdesk/models/speech';

/**
 * Listening, the voice-command slice of the kiosk state: whether the kiosk is listening, whether it
 * hears speech, and the last command it understood (shown so the guest sees what the kiosk took from
 * their words). Speech out (answers read aloud) is another slice: `voice/speech-out-state.ts`.
 */
export type ListeningStatus =
  /** Not listening; the mic button starts it. */
  | 'off'
  | 'starting'
  | 'listening'
  /** The guest or the device refused the microphone. */
  | 'denied'
  /** No microphone, or the models could not be loaded: voice is off, touch works as always. */
  | 'unavailable';

export interface ListeningState {
  readonly status: ListeningStatus;
  readonly hearing: boolean;
  readonly heard: CommandId | null;
}

export const INITIAL_LISTENING_STATE: ListeningState = { status: 'off', hearing: false, heard: null };

export type ListeningEvent =
  | { readonly type: 'listening.starting' }
  | { readonly type: 'listening.started' }
  | { readonly type: 'listening.stopped' }
  | { readonly type: 'listening.denied' }
  | { readonly type: 'listening.unavailable' }
  | { readonly type: 'listening.speech'; readonly on: boolean }
  | { readonly type: 'listening.command'; readonly command: CommandId };

export function isListeningEvent(event: { type: string }): event is ListeningEvent {
  return event.type.startsWith('listening.');
}

export function reduceListening(state: ListeningState, event: ListeningEvent): ListeningState {
  switch (event.type) {
    case 'listening.starting':
      return { ...state, status: 'starting' };
    case 'listening.started':
      return { ...state, status: 'listening' };
    case 'listening.stopped':
      return { ...INITIAL_LISTENING_STATE };
    case 'listening.denied':
      return { ...INITIAL_LISTENING_STATE, status: 'denied' };
    case 'listening.unavailable':
      return { ...INITIAL_LISTENING_STATE, status: 'unavailable' };
    case 'listening.speech':
      return state.status === 'listening' ? { ...state, hearing: event.on } : state;
    case 'listening.command':
      return state.status === 'listening' ? { ...state, heard: event.command } : state;
  }
}

/** A new guest: keep listening (a device setting), forget what the last guest said. */
export function forgetGuest(state: ListeningState): ListeningState {
  return { ...state, heard: null, hearing: false };
}
