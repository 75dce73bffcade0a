import type { FlowId } from '@frontdesk/models';
import type { BookingView, JourneyProblemCode } from '@frontdesk/protocol';
import type { FlowEvent, JourneyFailure } from '../journey/journey.js';

/**
 * The hotel check-in / check-out journey's slice of the kiosk state, and its pure reducer. Everything
 * personal in here (the booking, the ID fields) is dropped with the slice when the kiosk goes idle.
 */
export type CheckinMode = 'checkin' | 'checkout';
export type FindMethod = 'reference' | 'phone' | 'qr';
export type CheckinStep =
  'find' | 'looking' | 'booking' | 'identity' | 'issuing' | 'done' | 'settling' | 'checked_out' | 'failed';

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
  | { type: 'checkin.start'; mode: CheckinMode }
  | { type: 'checkin.method'; method: FindMethod }
  | { type: 'checkin.looking' }
  | { type: 'checkin.found'; booking: BookingView | null; problem: JourneyProblemCode | null }
  | { type: 'checkin.continue' }
  | { type: 'checkin.identity_reading' }
  | { type: 'checkin.identity_read'; fields: Partial<Omit<IdentityDraft, 'read'>> | null }
  | { type: 'checkin.identity_edit'; patch: Partial<Omit<IdentityDraft, 'read'>> }
  | { type: 'checkin.issuing' }
  | {
      type: 'checkin.issued';
      room: CheckinState['room'];
      key: CheckinState['key'];
      problem: JourneyProblemCode | null;
    }
  | { type: 'checkin.settling' }
  | {
      type: 'checkin.settled';
      totalCents: number | null;
      currency: string | null;
      problem: JourneyProblemCode | null;
    }
  | { type: 'checkin.failed'; failure: JourneyFailure }
  | { type: 'checkin.restart' };

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

export function isCheckinEvent(event: { type: string }): event is CheckinEvent {
  return event.type.startsWith('checkin.');
}

function step(c: CheckinState, event: CheckinEvent): CheckinState {
  switch (event.type) {
    case 'checkin.start':
      return startCheckin(event.mode);
    case 'checkin.method':
      return { ...c, method: event.method, step: 'find', failure: null };
    case 'checkin.looking':
      return { ...c, step: 'looking', failure: null };
    case 'checkin.found':
      if (!event.booking || event.problem)
        return {
          ...c,
          step: 'failed',
          booking: event.booking,
          failure: { kind: 'problem', code: event.problem ?? 'BOOKING_NOT_FOUND' },
        };
      return { ...c, step: 'booking', booking: event.booking };
    case 'checkin.continue':
      if (c.step !== 'booking' || !c.booking) return c;
      return { ...c, step: c.mode === 'checkin' ? 'identity' : 'booking' };
    case 'checkin.identity_reading':
      return { ...c, identity: { ...c.identity, read: 'reading' } };
    case 'checkin.identity_read':
      return {
        ...c,
        identity: event.fields
          ? { ...c.identity, ...event.fields, read: 'read' }
          : { ...c.identity, read: 'unreadable' },
      };
    case 'checkin.identity_edit':
      return { ...c, identity: { ...c.identity, ...event.patch } };
    case 'checkin.issuing':
      return { ...c, step: 'issuing', failure: null };
    case 'checkin.issued':
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
    case 'checkin.settling':
      return { ...c, step: 'settling', failure: null };
    case 'checkin.settled':
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
    case 'checkin.failed':
      return { ...c, step: 'failed', failure: event.failure };
    case 'checkin.restart':
      return startCheckin(c.mode);
  }
}

/**
 * The check-in slice: the `checkin` and `checkout` flows and `checkin.start` open it; its other events
 * change it while it is open (late answers for a guest who has left change nothing).
 */
export function reduceCheckin(c: CheckinState | null, event: CheckinEvent | FlowEvent): CheckinState | null {
  if (event.type === 'flow') {
    const mode = FLOWS[event.flow];
    return mode ? startCheckin(mode) : c;
  }
  if (event.type === 'checkin.start') return startCheckin(event.mode);
  return c && step(c, event);
}
