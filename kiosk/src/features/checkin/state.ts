import type { FlowId } from '@frontdesk/models';
import type { BookingView, JourneyProblemCode } from '@frontdesk/protocol';
import type { KioskState } from '../../app/state.js';

/**
 * The hotel check-in / check-out journey's slice of the kiosk state, and its pure reducer. Everything
 * personal in here (the booking, the ID fields) is dropped with the slice when the kiosk goes idle.
 */
export type CheckinMode = 'checkin' | 'checkout';
export type FindMethod = 'reference' | 'phone' | 'qr';
export type CheckinStep =
  'find' | 'looking' | 'booking' | 'identity' | 'issuing' | 'done' | 'settling' | 'checked_out' | 'failed';

/** Why the journey stopped: the server's reason, no link to the server, or no answer in time. */
export type JourneyFailure =
  { kind: 'problem'; code: JourneyProblemCode } | { kind: 'offline' } | { kind: 'no_answer' };

export type DocumentKind = 'resident_id' | 'passport' | 'other';

export interface IdentityDraft {
  name: string;
  document: DocumentKind;
  number: string;
  /** The resident ID's check character: shown to the guest; null for other documents or a short number. */
  checksum: 'valid' | 'invalid' | null;
  /** What reading the photo did: nothing yet, reading, prefilled, or nothing readable. */
  read: 'none' | 'reading' | 'read' | 'unreadable';
}

export interface CheckinState {
  mode: CheckinMode;
  step: CheckinStep;
  method: FindMethod;
  booking: BookingView | null;
  identity: IdentityDraft;
  room: { number: string; floor: string } | null;
  key: { cardId: string; validUntil: number } | null;
  /** The room is assigned but the key could not be made (encoder empty or jammed): see the desk. */
  keyProblem: JourneyProblemCode | null;
  checkout: { totalCents: number; currency: string } | null;
  failure: JourneyFailure | null;
}

export type CheckinEvent =
  | { kind: 'start'; mode: CheckinMode }
  | { kind: 'method'; method: FindMethod }
  | { kind: 'looking' }
  | { kind: 'found'; booking: BookingView | null; problem: JourneyProblemCode | null }
  | { kind: 'continue' }
  | { kind: 'identity_reading' }
  | { kind: 'identity_read'; fields: Partial<Omit<IdentityDraft, 'read'>> | null }
  | { kind: 'identity_edit'; patch: Partial<Omit<IdentityDraft, 'read'>> }
  | { kind: 'issuing' }
  | {
      kind: 'issued';
      room: CheckinState['room'];
      key: CheckinState['key'];
      problem: JourneyProblemCode | null;
    }
  | { kind: 'settling' }
  | {
      kind: 'settled';
      totalCents: number | null;
      currency: string | null;
      problem: JourneyProblemCode | null;
    }
  | { kind: 'failed'; failure: JourneyFailure }
  | { kind: 'restart' };

export const EMPTY_IDENTITY: IdentityDraft = {
  name: '',
  document: 'resident_id',
  number: '',
  checksum: null,
  read: 'none',
};

export function startCheckin(mode: CheckinMode): CheckinState {
  return {
    mode,
    step: 'find',
    method: 'reference',
    booking: null,
    identity: EMPTY_IDENTITY,
    room: null,
    key: null,
    keyProblem: null,
    checkout: null,
    failure: null,
  };
}

const FLOWS: Partial<Record<FlowId, CheckinMode>> = { checkin: 'checkin', checkout: 'checkout' };

/** The dialogue (or a journey button) started a flow: check-in and check-out are ours. */
export function checkinOnFlow(state: KioskState, flow: FlowId): KioskState {
  const mode = FLOWS[flow];
  if (!mode) return state;
  return { ...state, screen: 'checkin', checkin: startCheckin(mode) };
}

function step(c: CheckinState, event: CheckinEvent): CheckinState {
  switch (event.kind) {
    case 'start':
      return startCheckin(event.mode);
    case 'method':
      return { ...c, method: event.method, step: 'find', failure: null };
    case 'looking':
      return { ...c, step: 'looking', failure: null };
    case 'found':
      if (!event.booking || event.problem)
        return {
          ...c,
          step: 'failed',
          booking: event.booking,
          failure: { kind: 'problem', code: event.problem ?? 'BOOKING_NOT_FOUND' },
        };
      return { ...c, step: 'booking', booking: event.booking };
    case 'continue':
      if (c.step !== 'booking' || !c.booking) return c;
      return { ...c, step: c.mode === 'checkin' ? 'identity' : 'booking' };
    case 'identity_reading':
      return { ...c, identity: { ...c.identity, read: 'reading' } };
    case 'identity_read':
      return {
        ...c,
        identity: event.fields
          ? { ...c.identity, ...event.fields, read: 'read' }
          : { ...c.identity, read: 'unreadable' },
      };
    case 'identity_edit':
      return { ...c, identity: { ...c.identity, ...event.patch } };
    case 'issuing':
      return { ...c, step: 'issuing', failure: null };
    case 'issued':
      if (!event.room)
        return {
          ...c,
          step: 'failed',
          failure: { kind: 'problem', code: event.problem ?? 'NO_ROOM_AVAILABLE' },
        };
      // The document number is not needed once the PMS has it: it leaves the kiosk's memory here.
      return {
        ...c,
        step: 'done',
        room: event.room,
        key: event.key,
        keyProblem: event.key ? null : (event.problem ?? 'KEY_JAMMED'),
        identity: EMPTY_IDENTITY,
      };
    case 'settling':
      return { ...c, step: 'settling', failure: null };
    case 'settled':
      if (event.problem || event.totalCents === null)
        return {
          ...c,
          step: 'failed',
          failure: { kind: 'problem', code: event.problem ?? 'NOT_CHECKED_IN' },
        };
      return {
        ...c,
        step: 'checked_out',
        checkout: { totalCents: event.totalCents, currency: event.currency ?? 'CNY' },
      };
    case 'failed':
      return { ...c, step: 'failed', failure: event.failure };
    case 'restart':
      return startCheckin(c.mode);
  }
}

export function reduceCheckin(state: KioskState, event: CheckinEvent): KioskState {
  if (event.kind === 'start') return { ...state, screen: 'checkin', checkin: startCheckin(event.mode) };
  // Late answers for a guest who has left (the slice is gone) change nothing.
  if (!state.checkin) return state;
  return { ...state, checkin: step(state.checkin, event) };
}
