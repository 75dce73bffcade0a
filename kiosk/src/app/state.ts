import {
  INITIAL_STATE,
  type DialogueState,
  type FlowId,
  type Sentiment,
  type Slots,
} from '@frontdesk/models';
import type { DepartmentId, DownBody, IntentId, KnowledgeBase, Lang } from '@frontdesk/protocol';
import type { ConnectionState } from '../sync/link.js';
import {
  appointmentOnFlow,
  reduceAppointment,
  type AppointmentEvent,
  type AppointmentState,
} from '../features/appointment/state.js';
import {
  checkinOnFlow,
  reduceCheckin,
  type CheckinEvent,
  type CheckinState,
} from '../features/checkin/state.js';
import { triageOnFlow, type TriageState } from '../features/triage/state.js';
import { reduceFault, type FaultEvent, type FaultSlice } from '../features/fault/state.js';
import {
  reduceWayfinding,
  type WayfindingEvent,
  type WayfindingSlice,
} from '../features/wayfinding/state.js';
import {
  INITIAL_VOICE_STATE,
  forgetGuest,
  reduceVoice,
  type VoiceEvent,
  type VoiceState,
} from '../features/voice/voice-state.js';
import {
  forgetVoice as forgetSpeech,
  initialVoice as initialSpeech,
  reduceVoice as reduceSpeech,
  type VoiceEvent as SpeechEvent,
  type VoiceState as SpeechState,
} from '../voice/state.js';

export type Screen =
  | 'attract'
  | 'ask'
  | 'handoff'
  | 'rating'
  | 'settings'
  | 'checkin'
  | 'appointment'
  | 'triage'
  | 'wayfinding'
  | 'fault';

export interface ChatLine {
  id: string;
  role: 'guest' | 'assistant' | 'staff';
  text: string;
  at: number;
  /** The staff member's name on their lines. */
  name?: string | null;
  intent?: IntentId;
}

export type HandoffStatus = 'queued' | 'pending' | 'claimed' | 'resolved' | 'cancelled';

export interface Handoff {
  /** The kiosk's id until the server's ack names the escalation it joined. */
  id: string;
  status: HandoffStatus;
  position: number | null;
  assignee: string | null;
  reassured: boolean;
  chat: ChatLine[];
}

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
  /** Hands-free voice commands (features/voice). */
  voice: VoiceState;
  /** Speech out: answers read aloud (kiosk/src/voice/state.ts). */
  speech: SpeechState;
}

export type KioskEvent =
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
  /**
   * The dialogue (or a journey button) starts a guided flow. Each feature's state slice reacts to the
   * flows it owns by showing its screen; `slots` and `department` carry what the guest already said.
   */
  | { type: 'flow'; flow: FlowId; slots: Slots; department: DepartmentId | null }
  | { type: 'handoff_requested'; escalationId: string }
  | { type: 'handoff_acked'; requestedId: string; escalationId: string }
  | { type: 'escalation.updated'; body: DownBody<'escalation.updated'> }
  | { type: 'escalation.waiting'; body: DownBody<'escalation.waiting'> }
  | { type: 'chat.message'; body: DownBody<'chat.message'> }
  | { type: 'guest_chat'; line: ChatLine }
  | { type: 'finish' }
  | { type: 'rated' }
  | { type: 'settings'; open: boolean }
  | { type: 'notice'; notice: Notice }
  | { type: 'checkin'; event: CheckinEvent }
  | { type: 'appointment'; event: AppointmentEvent }
  /** The guest describes symptoms from the triage screen: the dialogue answers on the ask screen. */
  | { type: 'triage_describe' }
  | { type: 'ticket.updated'; body: DownBody<'ticket.updated'> }
  | { type: 'registered_place'; place: string | null }
  | WayfindingEvent
  | FaultEvent
  | { type: 'voice'; event: VoiceEvent }
  | SpeechEvent;

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
    voice: INITIAL_VOICE_STATE,
    speech: initialSpeech(),
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
    voice: forgetGuest(state.voice),
    speech: forgetSpeech(state.speech),
  };
}

function ours(handoff: Handoff | null, escalationId: string): handoff is Handoff {
  // Until the ack arrives the server may know the escalation under another id (it joined an open one).
  return handoff !== null && (handoff.id === escalationId || handoff.status === 'queued');
}

/** Every change of the kiosk's state, as a pure function of the previous state and one event. */
export function reduce(state: KioskState, event: KioskEvent): KioskState {
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
    case 'flow': {
      // Feature slices handle the flows they own (features/<feature>/state.ts); one nobody owns leaves
      // the guest where they are, with the answer the dialogue gave.
      let next: KioskState = { ...state, clarify: null };
      next = checkinOnFlow(next, event.flow);
      next = appointmentOnFlow(next, event.flow);
      next = triageOnFlow(next, event.flow, event.department);
      return reduceFeatures(next, event);
    }
    case 'handoff_requested':
      if (state.handoff && state.handoff.status !== 'resolved' && state.handoff.status !== 'cancelled')
        return { ...state, screen: 'handoff' };
      return {
        ...state,
        screen: 'handoff',
        clarify: null,
        handoff: {
          id: event.escalationId,
          status: 'queued',
          position: null,
          assignee: null,
          reassured: false,
          chat: [],
        },
      };
    case 'handoff_acked': {
      const h = state.handoff;
      if (!h || h.id !== event.requestedId) return state;
      return {
        ...state,
        handoff: { ...h, id: event.escalationId, status: h.status === 'queued' ? 'pending' : h.status },
      };
    }
    case 'escalation.updated': {
      const e = event.body.escalation;
      if (!ours(state.handoff, e.id)) return state;
      return {
        ...state,
        handoff: {
          ...state.handoff,
          id: e.id,
          status: e.status,
          position: e.position,
          assignee: e.assignee?.name ?? state.handoff.assignee,
        },
      };
    }
    case 'escalation.waiting':
      if (!ours(state.handoff, event.body.escalationId)) return state;
      return { ...state, handoff: { ...state.handoff, reassured: true } };
    case 'chat.message': {
      const m = event.body;
      if (!ours(state.handoff, m.escalationId) || m.from !== 'staff') return state;
      if (state.handoff.chat.some((l) => l.id === m.messageId)) return state;
      const line: ChatLine = { id: m.messageId, role: 'staff', text: m.text, at: m.at, name: m.name };
      return { ...state, handoff: { ...state.handoff, chat: [...state.handoff.chat, line] } };
    }
    case 'guest_chat':
      if (!state.handoff) return state;
      return { ...state, handoff: { ...state.handoff, chat: [...state.handoff.chat, event.line] } };
    case 'finish':
      return { ...state, screen: 'rating', clarify: null };
    case 'rated':
      return { ...state, rated: true };
    case 'settings':
      return event.open ? { ...forget(state), screen: 'settings' } : forget(state);
    case 'notice':
      return { ...state, notice: event.notice };
    case 'checkin':
      return reduceCheckin(state, event.event);
    case 'appointment':
      return reduceAppointment(state, event.event);
    case 'triage_describe':
      return { ...state, screen: 'ask', triage: null };
    case 'registered_place':
      return { ...state, registeredPlace: event.place };
    case 'voice':
      return { ...state, voice: reduceVoice(state.voice, event.event) };
    case 'voice_default':
    case 'voice_toggle':
    case 'speaking':
    case 'voice_failed': {
      const speech = reduceSpeech(state.speech, event);
      return speech === state.speech ? state : { ...state, speech };
    }
    default:
      return reduceFeatures(state, event);
  }
}

/** Each feature's slice sees every event it may own (its own, `flow`, server updates). */
function reduceFeatures(state: KioskState, event: KioskEvent): KioskState {
  return reduceFault(reduceWayfinding(state, event), event);
}
