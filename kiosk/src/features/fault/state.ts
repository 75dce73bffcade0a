import { classifyFault } from '@frontdesk/models';
import type { DownBody, FaultCategory, FaultCode, KnowledgeBase, TicketView } from '@frontdesk/protocol';
import type { FlowEvent } from '../journey/journey.js';

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

/** The server's news of a ticket: the fault report's status step follows its own ticket. */
export interface TicketUpdatedEvent {
  type: 'ticket.updated';
  body: DownBody<'ticket.updated'>;
}

export function isFaultEvent(event: { type: string }): event is FaultEvent {
  return event.type.startsWith('fault.');
}

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

/**
 * The fault slice: its own events, the `fault_report` flow and the ticket's updates. `kb` (the site's
 * knowledge base) tells which fault codes have self-fix steps and which category they belong to.
 */
export function reduceFault(
  f: FaultSlice | null,
  event: FaultEvent | FlowEvent | TicketUpdatedEvent,
  kb: KnowledgeBase | null,
): FaultSlice | null {
  switch (event.type) {
    case 'flow':
      return event.flow === 'fault_report'
        ? open(event.slots.faultCode ?? null, event.slots.room ?? null)
        : f;
    case 'fault.open':
      return open(event.faultCode ?? null, event.room ?? null);
    case 'fault.close':
      return null;
    case 'ticket.updated':
      if (!f || !f.ticketId || event.body.ticket.id !== f.ticketId) return f;
      return { ...f, ticket: event.body.ticket };
    default:
      return f && step(f, event, kb);
  }
}

function step(
  f: FaultSlice,
  event: Exclude<FaultEvent, { type: 'fault.open' | 'fault.close' }>,
  kb: KnowledgeBase | null,
): FaultSlice {
  switch (event.type) {
    case 'fault.photo':
      if (event.reading) return { ...f, photoKey: event.photoKey, step: 'reading' };
      return afterCode(kb, { ...f, photoKey: event.photoKey });
    case 'fault.read':
      if (f.step !== 'reading') return f;
      // A code read from the display wins over one the guest said; the guest's stays if none was read.
      return afterCode(kb, {
        ...f,
        ocrText: event.ocrText,
        faultCode: event.faultCode ?? f.faultCode,
        readProblem: event.failed,
      });
    case 'fault.self_fix':
      return { ...f, step: event.fixed ? 'fixed' : 'describe' };
    case 'fault.describe':
      if (!event.description.trim()) return f;
      return { ...f, description: event.description.trim(), step: 'place' };
    case 'fault.place':
      return placed(f, event.room, event.placeId, kb);
    case 'fault.category':
      return { ...f, category: event.category, categorySource: 'guest' };
    case 'fault.submitted':
      return { ...f, ticketId: event.ticketId, step: 'status' };
    case 'fault.back': {
      const back = BACK[f.step];
      return back ? { ...f, step: back } : f;
    }
  }
}

/** The place is given: the category is suggested (the code's, else the description's) unless tapped. */
function placed(f: FaultSlice, room: string, placeId: string | null, kb: KnowledgeBase | null): FaultSlice {
  const known = knownFaultCode(kb, f.faultCode);
  const guessed = classifyFault(`${f.description} ${f.ocrText ?? ''}`).category;
  const keep = f.categorySource === 'guest' && f.category !== null;
  const category = keep ? f.category : (known?.category ?? guessed);
  const categorySource = keep ? 'guest' : known ? 'code' : 'description';
  return { ...f, room: room.trim(), placeId, category, categorySource, step: 'category' };
}
