import type { FlowId, Slots } from '@frontdesk/models';
import type { DepartmentId, EscalationTrigger, IntentId, JourneyProblemCode } from '@frontdesk/protocol';
import { RequestFailure, type RequestClient } from '../../sync/requests.js';

/**
 * What the journeys (hotel check-in / check-out, hospital appointment check-in) share: the event that
 * starts a guided flow, why a journey stopped, and what a journey's controller is given.
 */

/**
 * The dialogue (or a journey button) starts a guided flow. Each feature's slice reacts to the flows
 * it owns; `slots` and `department` carry what the guest already said.
 */
export interface FlowEvent {
  type: 'flow';
  flow: FlowId;
  slots: Slots;
  department: DepartmentId | null;
}

/** Why the journey stopped: the server's reason, no link to the server, or no answer in time. */
export type JourneyFailure =
  { kind: 'problem'; code: JourneyProblemCode } | { kind: 'offline' } | { kind: 'no_answer' };

/** Final operations are re-sent (same id) this many times while the guest waits. */
export const FINAL_ATTEMPTS = 3;
/** A lookup is sent again once (same id; a read) before the guest is offered the desk. */
export const LOOKUP_ATTEMPTS = 2;

export function failureOf(error: unknown): JourneyFailure {
  if (error instanceof RequestFailure && error.reason === 'offline') return { kind: 'offline' };
  return { kind: 'no_answer' };
}

/**
 * A journey controller's view of the kiosk: its own slice (`S`) and the conversation it belongs to
 * (a reply for a guest who has left is dropped), and the events it may dispatch (`E`).
 */
export interface JourneyDeps<S, E> {
  requests: Pick<RequestClient, 'request'>;
  dispatch(event: E): void;
  getState(): S & { conversationId: string | null };
  now(): number;
  /** Hands the guest to a person, with the conversation so far (the kiosk controller's). */
  requestPerson(trigger: EscalationTrigger, intent?: IntentId): Promise<void>;
}
