import { INITIAL_STATE, type DialogueState, type Sentiment } from '@frontdesk/models';
import type { IntentId, KnowledgeBase, Lang } from '@frontdesk/protocol';
import type { ConnectionState } from '../sync/link.js';
import {
  isAppointmentEvent,
  reduceAppointment,
  type AppointmentEvent,
  type AppointmentState,
} from '../features/appointment/state.js';
import {
  isCheckinEvent,
  reduceCheckin,
  type CheckinEvent,
  type CheckinState,
} from '../features/checkin/state.js';
import {
  isFaultEvent,
  reduceFault,
  type FaultEvent,
  type FaultSlice,
  type TicketUpdatedEvent,
} from '../features/fault/state.js';
import { isHandoffEvent, reduceHandoff, type Handoff, type HandoffEvent } from '../features/handoff/state.js';
import type { FlowEvent } from '../features/journey/journey.js';
import { reduceTriage, type TriageEvent, type TriageState } from '../features/triage/state.js';
import {
  INITIAL_LISTENING_STATE,
  forgetGuest,
  isListeningEvent,
  reduceListening,
  type ListeningEvent,
  type ListeningState,
} from '../features/voice/listening-state.js';
import {
  isWayfindingEvent,
  reduceWayfinding,
  type WayfindingEvent,
  type WayfindingSlice,
} from '../features/wayfinding/state.js';
import {
  forgetSpeechOut,
  initialSpeechOut,
  isSpeechOutEvent,
  reduceSpeechOut,
  type SpeechOutEvent,
  type SpeechOutState,
} from '../voice/speech-out-state.js';
import type { ChatLine, Screen } from './vocabulary.js';

/**
 * The kiosk's state: the device's own fields and the conversation's, composed with one slice per
 * feature. Each slice is `(slice, event) → slice` in its feature's folder and knows nothing of this
 * module; here the slices are folded in and the screen follows the events that open and close them.
 */
export type { ChatLine, Screen } from './vocabulary.js';
export type { Handoff, HandoffStatus } from '../features/handoff/state.js';

export type Notice = 'rejected' | 'mic_unavailable' | null;

/** The on-device intent model, as the screens show it: loading (with progress), ready, or failed. */
export type ModelStatus =
  { status: 'loading'; loadedBytes: number; totalBytes: number } | { status: 'ready' } | { status: 'failed' };

/** What the dialogue carries across turns: the models' policy state and what the guest showed. */
export interface DialogueMemory {
  policy: DialogueState;
  /** The last utterance's sentiment, sent with a request for a person (it raises the priority). */
  sentiment: Sentiment | null;
  /** The policy asked to offer a person (negative sentiment, no answer): the button is prominent. */
  offerPerson: boolean;
}

export interface KioskState {
  screen: Screen;
  lang: Lang;
  defaultLang: Lang;
  largeText: boolean;
  connection: ConnectionState;
  pending: number;
  kb: KnowledgeBase | null;
  conversationId: string | null;
  transcript: ChatLine[];
  clarify: IntentId[] | null;
  dialogue: DialogueMemory;
  model: ModelStatus;
  handoff: Handoff | null;
  rated: boolean;
  notice: Notice;
  /** Hotel check-in / check-out (features/checkin). */
  checkin: CheckinState | null;
  /** Hospital appointment check-in (features/appointment). */
  appointment: AppointmentState | null;
  /** The suggested department (features/triage). */
  triage: TriageState | null;
  wayfinding: WayfindingSlice | null;
  fault: FaultSlice | null;
  /** The place of this device's registration on the server (`GET /api/devices/me`), once known. */
  registeredPlace: string | null;
  /** Hands-free voice commands (features/voice/listening-state.ts). */
  listening: ListeningState;
  /** Speech out: answers read aloud (voice/speech-out-state.ts). */
  speech: SpeechOutState;
}

/** The kiosk's own events; the features' events join them in `KioskEvent`. */
type CoreEvent =
  | { type: 'wake'; conversationId: string }
  | { type: 'idle' }
  | { type: 'lang'; lang: Lang }
  | { type: 'default_lang'; lang: Lang }
  | { type: 'large_text'; on: boolean }
  | { type: 'connection'; state: ConnectionState }
  | { type: 'pending'; count: number }
  | { type: 'kb'; kb: KnowledgeBase }
  | { type: 'guest_said'; line: ChatLine }
  | { type: 'assistant_said'; line: ChatLine }
  | { type: 'clarify'; options: IntentId[] }
  | { type: 'dialogue'; dialogue: DialogueMemory }
  | { type: 'model'; model: ModelStatus }
  | { type: 'finish' }
  | { type: 'rated' }
  | { type: 'settings'; open: boolean }
  | { type: 'notice'; notice: Notice }
  | { type: 'registered_place'; place: string | null };

/** Every event of the kiosk: one discriminated union on `type` (features prefix theirs, `fault.open`). */
export type KioskEvent =
  | CoreEvent
  | FlowEvent
  | HandoffEvent
  | CheckinEvent
  | AppointmentEvent
  | TriageEvent
  | WayfindingEvent
  | FaultEvent
  | TicketUpdatedEvent
  | ListeningEvent
  | SpeechOutEvent;

export function initialState(defaultLang: Lang = 'zh'): KioskState {
  return {
    screen: 'attract',
    lang: defaultLang,
    defaultLang,
    largeText: false,
    connection: 'connecting',
    pending: 0,
    kb: null,
    conversationId: null,
    transcript: [],
    clarify: null,
    dialogue: { policy: INITIAL_STATE, sentiment: null, offerPerson: false },
    model: { status: 'loading', loadedBytes: 0, totalBytes: 0 },
    handoff: null,
    rated: false,
    notice: null,
    checkin: null,
    appointment: null,
    triage: null,
    wayfinding: null,
    fault: null,
    registeredPlace: null,
    listening: INITIAL_LISTENING_STATE,
    speech: initialSpeechOut(),
  };
}

/** Back to the attract screen with nothing of the last guest left: only the device's own state stays. */
function forget(state: KioskState): KioskState {
  return {
    ...initialState(state.defaultLang),
    connection: state.connection,
    pending: state.pending,
    kb: state.kb,
    model: state.model,
    registeredPlace: state.registeredPlace,
    listening: forgetGuest(state.listening),
    speech: forgetSpeechOut(state.speech),
  };
}

/** The screen an event opens, whatever the slices did with it; `clarify` is dropped with the old screen. */
const NAVIGATION: Partial<Record<KioskEvent['type'], { screen: Screen; dropsClarify: boolean }>> = {
  'checkin.start': { screen: 'checkin', dropsClarify: false },
  'appointment.start': { screen: 'appointment', dropsClarify: false },
  'wayfinding.open': { screen: 'wayfinding', dropsClarify: true },
  'wayfinding.close': { screen: 'ask', dropsClarify: false },
  'fault.open': { screen: 'fault', dropsClarify: true },
  'fault.close': { screen: 'ask', dropsClarify: false },
  'triage.describe': { screen: 'ask', dropsClarify: false },
};

/** Which screen shows each slice a flow may open, in the order they are asked. */
const FLOW_SLICES = [
  ['checkin', 'checkin'],
  ['appointment', 'appointment'],
  ['triage', 'triage'],
  ['wayfinding', 'wayfinding'],
  ['fault', 'fault'],
] as const satisfies ReadonlyArray<readonly [keyof KioskState, Screen]>;

/** Every change of the kiosk's state, as a pure function of the previous state and one event. */
export function reduce(state: KioskState, event: KioskEvent): KioskState {
  const next = reduceEvent(state, event);
  const nav = NAVIGATION[event.type];
  if (!nav) return next;
  return { ...next, screen: nav.screen, clarify: nav.dropsClarify ? null : next.clarify };
}

function reduceEvent(state: KioskState, event: KioskEvent): KioskState {
  if (event.type === 'flow') return onFlow(state, event);
  if (event.type === 'handoff_requested') {
    // Asking again while a handoff is open shows it; otherwise a new one starts.
    const handoff = reduceHandoff(state.handoff, event);
    if (handoff === state.handoff) return { ...state, screen: 'handoff' };
    return { ...state, screen: 'handoff', clarify: null, handoff };
  }
  if (isHandoffEvent(event)) return onHandoff(state, event);
  if (isCheckinEvent(event)) return withSlice(state, 'checkin', reduceCheckin(state.checkin, event));
  if (isAppointmentEvent(event))
    return withSlice(state, 'appointment', reduceAppointment(state.appointment, event));
  if (event.type === 'triage.describe') return withSlice(state, 'triage', reduceTriage(state.triage, event));
  if (isWayfindingEvent(event))
    return withSlice(state, 'wayfinding', reduceWayfinding(state.wayfinding, event));
  if (isFaultEvent(event) || event.type === 'ticket.updated')
    return withSlice(state, 'fault', reduceFault(state.fault, event, state.kb));
  if (isListeningEvent(event)) return withSlice(state, 'listening', reduceListening(state.listening, event));
  if (isSpeechOutEvent(event)) return withSlice(state, 'speech', reduceSpeechOut(state.speech, event));
  return reduceCore(state, event);
}

/**
 * The handoff slice; when the member of staff resolves the guest's request while the guest is on the
 * handoff screen, the kiosk goes on to the rating screen (the journey ends with one tap of satisfaction).
 */
function onHandoff(state: KioskState, event: HandoffEvent): KioskState {
  const next = withSlice(state, 'handoff', reduceHandoff(state.handoff, event));
  const justResolved = state.handoff?.status !== 'resolved' && next.handoff?.status === 'resolved';
  return justResolved && state.screen === 'handoff' ? { ...next, screen: 'rating', clarify: null } : next;
}

/** A slice's new value in the state; the same state when the slice did not change (nothing to render). */
function withSlice<K extends keyof KioskState>(state: KioskState, key: K, value: KioskState[K]): KioskState {
  return value === state[key] ? state : { ...state, [key]: value };
}

/**
 * A flow: every slice sees it and the ones that own it open (flows are owned by one feature each); the
 * screen follows the slice that opened. One nobody owns leaves the guest where they are, with the
 * answer the dialogue gave.
 */
function onFlow(state: KioskState, event: FlowEvent): KioskState {
  const next: KioskState = {
    ...state,
    clarify: null,
    checkin: reduceCheckin(state.checkin, event),
    appointment: reduceAppointment(state.appointment, event),
    triage: reduceTriage(state.triage, event),
    wayfinding: reduceWayfinding(state.wayfinding, event),
    fault: reduceFault(state.fault, event, state.kb),
  };
  const opened = FLOW_SLICES.find(([key]) => next[key] !== state[key]);
  return opened ? { ...next, screen: opened[1] } : next;
}

function reduceCore(state: KioskState, event: CoreEvent): KioskState {
  switch (event.type) {
    case 'wake':
      return { ...forget(state), screen: 'ask', conversationId: event.conversationId };
    case 'idle':
      return forget(state);
    case 'lang':
      return { ...state, lang: event.lang };
    case 'default_lang':
      return {
        ...state,
        defaultLang: event.lang,
        lang: state.screen === 'attract' ? event.lang : state.lang,
      };
    case 'large_text':
      return { ...state, largeText: event.on };
    case 'connection':
      return { ...state, connection: event.state };
    case 'pending':
      return { ...state, pending: event.count };
    case 'kb':
      if (state.kb && state.kb.site === event.kb.site && state.kb.version > event.kb.version) return state;
      return { ...state, kb: event.kb };
    case 'guest_said':
      return { ...state, transcript: [...state.transcript, event.line], clarify: null, notice: null };
    case 'assistant_said':
      return { ...state, transcript: [...state.transcript, event.line] };
    case 'clarify':
      return { ...state, clarify: event.options };
    case 'dialogue':
      return { ...state, dialogue: event.dialogue };
    case 'model':
      return { ...state, model: event.model };
    case 'finish':
      return { ...state, screen: 'rating', clarify: null };
    case 'rated':
      return { ...state, rated: true };
    case 'settings':
      return event.open ? { ...forget(state), screen: 'settings' } : forget(state);
    case 'notice':
      return { ...state, notice: event.notice };
    case 'registered_place':
      return { ...state, registeredPlace: event.place };
  }
}
