import { classifyFault } from '@frontdesk/models';
import type { FaultCategory, FaultCode, KnowledgeBase, TicketView } from '@frontdesk/protocol';
import type { KioskEvent, KioskState } from '../../app/state.js';

/**
 * The fault report, one step at a time: photo (or skip) → reading it on the device → the KB's
 * self-fix steps for a recognised code → description → place or room → category → ticket → status.
 */
export type FaultStep =
  'photo' | 'reading' | 'self_fix' | 'fixed' | 'describe' | 'place' | 'category' | 'status';

export interface FaultSlice {
  step: FaultStep;
  /** Key of the photo in the kiosk's photo store (IndexedDB); null: no photo. */
  photoKey: string | null;
  ocrText: string | null;
  faultCode: string | null;
  /** The photo could not be read on the device (no reader, or it failed): the guest types instead. */
  readProblem: boolean;
  description: string;
  room: string;
  /** A place of the KB (the kiosk's own by default); the room, when given, says more. */
  placeId: string | null;
  category: FaultCategory | null;
  /** Where the category came from: the fault code's KB entry, the description, or the guest's tap. */
  categorySource: 'code' | 'description' | 'guest' | null;
  ticketId: string | null;
  ticket: TicketView | null;
}

export type FaultEvent =
  | { type: 'fault.open'; faultCode?: string | null; room?: string | null }
  | { type: 'fault.photo'; photoKey: string | null; reading: boolean }
  | { type: 'fault.read'; ocrText: string | null; faultCode: string | null; failed: boolean }
  | { type: 'fault.self_fix'; fixed: boolean }
  | { type: 'fault.describe'; description: string }
  | { type: 'fault.place'; room: string; placeId: string | null }
  | { type: 'fault.category'; category: FaultCategory }
  | { type: 'fault.submitted'; ticketId: string }
  | { type: 'fault.back' }
  | { type: 'fault.close' };

export function knownFaultCode(
  kb: Pick<KnowledgeBase, 'faultCodes'> | null,
  code: string | null,
): FaultCode | null {
  if (!kb || !code) return null;
  const key = code.replace(/-/g, '').toUpperCase();
  return kb.faultCodes.find((f) => f.code.replace(/-/g, '').toUpperCase() === key) ?? null;
}

function open(faultCode: string | null, room: string | null): FaultSlice {
  return {
    step: 'photo',
    photoKey: null,
    ocrText: null,
    faultCode,
    readProblem: false,
    description: '',
    room: room ?? '',
    placeId: null,
    category: null,
    categorySource: null,
    ticketId: null,
    ticket: null,
  };
}

/** After the photo: the self-fix steps first when the code has some, else the description. */
function afterCode(kb: KnowledgeBase | null, f: FaultSlice): FaultSlice {
  const known = knownFaultCode(kb, f.faultCode);
  const hasFix = known !== null && known.selfFix.en.length + known.selfFix.zh.length > 0;
  return { ...f, step: hasFix ? 'self_fix' : 'describe' };
}

const BACK: Partial<Record<FaultStep, FaultStep>> = {
  describe: 'photo',
  self_fix: 'photo',
  place: 'describe',
  category: 'place',
};

/** The fault slice of the reducer: its own events, the `fault_report` flow and the ticket's updates. */
export function reduceFault(state: KioskState, event: KioskEvent): KioskState {
  const f = state.fault;
  switch (event.type) {
    case 'flow':
      if (event.flow !== 'fault_report') return state;
      return {
        ...state,
        screen: 'fault',
        fault: open(event.slots.faultCode ?? null, event.slots.room ?? null),
      };
    case 'fault.open':
      return {
        ...state,
        screen: 'fault',
        clarify: null,
        fault: open(event.faultCode ?? null, event.room ?? null),
      };
    case 'fault.photo':
      if (!f) return state;
      if (event.reading) return { ...state, fault: { ...f, photoKey: event.photoKey, step: 'reading' } };
      return { ...state, fault: afterCode(state.kb, { ...f, photoKey: event.photoKey }) };
    case 'fault.read': {
      if (!f || f.step !== 'reading') return state;
      // A code read from the display wins over one the guest said; the guest's stays if none was read.
      const next = {
        ...f,
        ocrText: event.ocrText,
        faultCode: event.faultCode ?? f.faultCode,
        readProblem: event.failed,
      };
      return { ...state, fault: afterCode(state.kb, next) };
    }
    case 'fault.self_fix':
      if (!f) return state;
      return { ...state, fault: { ...f, step: event.fixed ? 'fixed' : 'describe' } };
    case 'fault.describe':
      if (!f || !event.description.trim()) return state;
      return { ...state, fault: { ...f, description: event.description.trim(), step: 'place' } };
    case 'fault.place': {
      if (!f) return state;
      const known = knownFaultCode(state.kb, f.faultCode);
      const guessed = classifyFault(`${f.description} ${f.ocrText ?? ''}`).category;
      const keep = f.categorySource === 'guest' && f.category !== null;
      const category = keep ? f.category : (known?.category ?? guessed);
      const categorySource = keep ? 'guest' : known ? 'code' : 'description';
      return {
        ...state,
        fault: {
          ...f,
          room: event.room.trim(),
          placeId: event.placeId,
          category,
          categorySource,
          step: 'category',
        },
      };
    }
    case 'fault.category':
      if (!f) return state;
      return { ...state, fault: { ...f, category: event.category, categorySource: 'guest' } };
    case 'fault.submitted':
      if (!f) return state;
      return { ...state, fault: { ...f, ticketId: event.ticketId, step: 'status' } };
    case 'ticket.updated': {
      if (!f || !f.ticketId || event.body.ticket.id !== f.ticketId) return state;
      return { ...state, fault: { ...f, ticket: event.body.ticket } };
    }
    case 'fault.back': {
      if (!f) return state;
      const back = BACK[f.step];
      return back ? { ...state, fault: { ...f, step: back } } : state;
    }
    case 'fault.close':
      return { ...state, screen: 'ask', fault: null };
    default:
      return state;
  }
}
