import { z } from 'zod';
import { ERROR_CODES } from './errors.js';
import { knowledgeBaseSchema } from './kb.js';
import { safeText } from './safe-text.js';
import { DEPARTMENTS, FAULT_CATEGORIES, INTENTS, LANGS, SENTIMENTS, SKILLS } from './taxonomy.js';
import { ESCALATION_STATUSES, PRIORITIES, TICKET_STATUSES } from './vocabulary.js';

export const PROTOCOL_VERSION = 1;
/** Largest payload a device or console may publish. Photos go over HTTP and are referenced by id. */
export const MAX_UP_PAYLOAD_BYTES = 64 * 1024;

import { clientId, entityId, placeText, text } from './fields.js';
import {
  appointmentCheckinBody,
  appointmentFindBody,
  appointmentView,
  bookingFindBody,
  bookingView,
  checkinCompleteBody,
  checkoutCompleteBody,
  journeyProblemSchema,
  requestId,
  roomSchema,
} from './journey-messages.js';

export * from './journey-messages.js';

export const langSchema = z.enum(LANGS);
export const prioritySchema = z.enum(PRIORITIES);
export const escalationTriggerSchema = z.enum([
  'asked_for_person',
  'emergency',
  'negative_sentiment',
  'no_answer',
  'flow_failure',
]);
export const escalationStatusSchema = z.enum(ESCALATION_STATUSES);
export const ticketStatusSchema = z.enum(TICKET_STATUSES);

export const turnSchema = z.object({
  role: z.enum(['guest', 'assistant', 'staff']),
  text: text(2000),
  at: z.number().int().nonnegative(),
  intent: z.enum(INTENTS).optional(),
  confidence: z.number().min(0).max(1).optional(),
});

// ---- device → server (fd/v1/device/{id}/up) ----------------------------------------------------

export const conversationTurnBody = z.object({
  conversationId: entityId,
  turn: turnSchema,
  /** False when the assistant could not answer: three in a row escalate. */
  answered: z.boolean(),
  lang: langSchema,
});

export const escalationRaiseBody = z.object({
  escalationId: entityId,
  conversationId: entityId,
  trigger: escalationTriggerSchema,
  lang: langSchema,
  intent: z.enum(INTENTS).optional(),
  department: z.enum(DEPARTMENTS).optional(),
  sentiment: z.enum(SENTIMENTS).optional(),
  /** A place id of the site's knowledge base, or free text such as a room number. */
  place: placeText.optional(),
  summary: text(500),
  transcript: z.array(turnSchema).max(100).default([]),
  intents: z.array(z.enum(INTENTS)).max(100).default([]),
  photoIds: z.array(entityId).max(4).default([]),
  vip: z.boolean().default(false),
});

export const escalationCancelBody = z.object({ escalationId: entityId, reason: text(200).optional() });

export const chatSendBody = z.object({ escalationId: entityId, text: text(1000) });

export const ticketCreateBody = z.object({
  ticketId: entityId,
  category: z.enum(FAULT_CATEGORIES),
  place: placeText.optional(),
  room: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,12}$/)
    .optional(),
  description: text(2000),
  ocrText: safeText(2000, { trim: false, min: 0 }).optional(),
  faultCode: safeText(16, { multiline: false, trim: false, min: 0 }).optional(),
  photoIds: z.array(entityId).max(4).default([]),
  lang: langSchema,
  conversationId: entityId.optional(),
});

export const ticketCancelBody = z.object({ ticketId: entityId });

export const ratingSubmitBody = z.object({
  conversationId: entityId,
  score: z.number().int().min(1).max(5),
  escalationId: entityId.optional(),
  ticketId: entityId.optional(),
});

/**
 * A code for the guest's phone: the kiosk shows it in a QR code (`/m/continue?h=<code>`); the phone
 * presents it to open a session that follows the same conversation, escalation and ticket. The kiosk
 * makes the code (crypto random, 128 bits or more); the server keeps only its hash, until `ttlS`.
 */
export const HANDOVER_CODE_PATTERN = /^[A-Za-z0-9_-]{22,64}$/;
export const handoverOfferBody = z.object({
  code: z.string().regex(HANDOVER_CODE_PATTERN, 'expected 22–64 characters of A–Z a–z 0–9 _ -'),
  conversationId: entityId,
  escalationId: entityId.optional(),
  ticketId: entityId.optional(),
  /** How long the code may be used, from when the server stores it: 1 minute to 1 day. */
  ttlS: z.number().int().min(60).max(86_400).default(1800),
});

export const deviceUpBodies = {
  'conversation.turn': conversationTurnBody,
  'escalation.raise': escalationRaiseBody,
  'escalation.cancel': escalationCancelBody,
  'chat.send': chatSendBody,
  'ticket.create': ticketCreateBody,
  'ticket.cancel': ticketCancelBody,
  'rating.submit': ratingSubmitBody,
  'booking.find': bookingFindBody,
  'checkin.complete': checkinCompleteBody,
  'checkout.complete': checkoutCompleteBody,
  'appointment.find': appointmentFindBody,
  'appointment.checkin': appointmentCheckinBody,
  'handover.offer': handoverOfferBody,
} as const;

// ---- staff console → server (fd/v1/staff/{id}/up) ----------------------------------------------

export const staffUpBodies = {
  'escalation.claim': z.object({ escalationId: entityId }),
  'escalation.release': z.object({ escalationId: entityId }),
  'escalation.resolve': z.object({
    escalationId: entityId,
    note: safeText(1000, { trim: false, min: 0 }).default(''),
  }),
  'chat.send': chatSendBody,
  'ticket.update': z.object({
    ticketId: entityId,
    status: z.enum(['assigned', 'in_progress', 'resolved', 'cancelled']),
    note: safeText(1000, { trim: false, min: 0 }).optional(),
  }),
  /** A supervisor or admin (re)assigns an open ticket of the site to one of its members. */
  'ticket.assign': z.object({
    ticketId: entityId,
    staffId: entityId,
    note: safeText(1000, { trim: false, min: 0 }).optional(),
  }),
  /** `place: null` clears the place; absent keeps it. */
  'presence.set': z.object({ onDuty: z.boolean(), place: entityId.nullable().optional() }),
  /** Hand an escalation on to one member of staff of the site, or to whoever has a skill. */
  'escalation.transfer': z.object({
    escalationId: entityId,
    to: z.union([z.object({ staffId: entityId }).strict(), z.object({ skill: z.enum(SKILLS) }).strict()]),
    note: safeText(500).optional(),
  }),
} as const;

// ---- server → clients (down, error, retained) ---------------------------------------------------

export const assigneeSchema = z.object({ id: entityId, name: z.string() });

/** What a guest device sees of its escalation. */
export const guestEscalationView = z.object({
  id: entityId,
  status: escalationStatusSchema,
  priority: prioritySchema,
  /** Position among the unclaimed escalations of the same skill, 1 = next. */
  position: z.number().int().positive().nullable(),
  assignee: assigneeSchema.nullable(),
  createdAt: z.number().int(),
});

/** What staff see: the whole context. */
export const staffEscalationView = guestEscalationView.extend({
  site: entityId,
  deviceId: entityId,
  conversationId: entityId,
  trigger: escalationTriggerSchema,
  skill: z.enum(SKILLS),
  level: z.number().int().nonnegative(),
  place: z.string().nullable(),
  lang: langSchema,
  summary: z.string(),
  intent: z.enum(INTENTS).nullable(),
  department: z.enum(DEPARTMENTS).nullable(),
  transcript: z.array(turnSchema),
  intents: z.array(z.enum(INTENTS)),
  photoIds: z.array(entityId),
  claimDueAt: z.number().int().nullable(),
  /** Nobody on duty had the skill: offered to the supervisors at once. */
  unstaffed: z.boolean().default(false),
});

export const ticketView = z.object({
  id: entityId,
  site: entityId,
  status: ticketStatusSchema,
  category: z.enum(FAULT_CATEGORIES),
  skill: z.enum(SKILLS),
  place: z.string().nullable(),
  room: z.string().nullable(),
  description: z.string(),
  faultCode: z.string().nullable(),
  photoIds: z.array(entityId),
  /** Photos of the repair that staff added (`POST /api/tickets/:id/photos`), oldest first. */
  repairPhotoIds: z.array(entityId).default([]),
  assignee: assigneeSchema.nullable(),
  note: z.string().nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  /** Nobody on duty had the skill: the supervisors were told. */
  unstaffed: z.boolean().default(false),
  /** From the category; the SLA's window depends on it. */
  priority: prioritySchema.default('routine'),
  /** Someone must start on it by then or it re-escalates; null once started or re-escalated. */
  dueAt: z.number().int().nullable().default(null),
  /** Not started in time: re-escalated to the supervisors. */
  escalated: z.boolean().default(false),
});

/**
 * A ticket on the supervisors' board (the retained queue snapshot): what routes and times it, none of
 * the guest's words or whereabouts (no description, room, place, photos, note or OCR text).
 */
export const boardTicketView = ticketView.pick({
  id: true,
  status: true,
  category: true,
  skill: true,
  priority: true,
  assignee: true,
  dueAt: true,
  unstaffed: true,
  escalated: true,
  createdAt: true,
  updatedAt: true,
});

export const chatMessageBody = z.object({
  escalationId: entityId,
  messageId: clientId,
  from: z.enum(['guest', 'staff']),
  name: z.string().nullable(),
  text: z.string(),
  at: z.number().int(),
});

export const errorBody = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  messageZh: z.string(),
  /** The id of the rejected message, when it could be read. */
  ref: z.string().nullable(),
  details: z.unknown().optional(),
});

export const downBodies = {
  ack: z.object({ ref: clientId, duplicate: z.boolean(), entityId: z.string().nullable() }),
  'escalation.updated': z.object({ escalation: guestEscalationView }),
  'escalation.waiting': z.object({ escalationId: entityId, waitedMs: z.number().int() }),
  'escalation.offered': z.object({ escalation: staffEscalationView }),
  'escalation.staff_updated': z.object({ escalation: staffEscalationView, event: z.string() }),
  'chat.message': chatMessageBody,
  'ticket.updated': z.object({ ticket: ticketView }),
  'ticket.assigned': z.object({ ticket: ticketView }),
  error: errorBody,
  'booking.found': z.object({
    requestId,
    booking: bookingView.nullable(),
    problem: journeyProblemSchema.nullable(),
  }),
  'checkin.completed': z.object({
    requestId,
    bookingId: entityId,
    room: roomSchema.nullable(),
    key: z.object({ cardId: z.string(), validUntil: z.number().int() }).nullable(),
    problem: journeyProblemSchema.nullable(),
  }),
  'checkout.completed': z.object({
    requestId,
    bookingId: entityId,
    totalCents: z.number().int().nonnegative().nullable(),
    currency: z.string().nullable(),
    settled: z.boolean(),
    problem: journeyProblemSchema.nullable(),
  }),
  'appointment.found': z.object({
    requestId,
    appointments: z.array(appointmentView),
    problem: journeyProblemSchema.nullable(),
  }),
  'appointment.checked_in': z.object({
    requestId,
    appointmentId: entityId,
    department: z.enum(DEPARTMENTS).nullable(),
    queueNumber: z.number().int().positive().nullable(),
    queueLabel: z.string().nullable(),
    /** The department's place id in the site's knowledge base, for wayfinding. */
    place: z.string().nullable(),
    problem: journeyProblemSchema.nullable(),
  }),
  'kb.snapshot': knowledgeBaseSchema,
  'queue.snapshot': z.object({
    site: entityId,
    escalations: z.array(staffEscalationView),
    /** Open tickets (open, assigned, in progress); absent in snapshots retained before it existed. */
    tickets: z.array(boardTicketView).default([]),
    staff: z.array(
      z.object({
        id: entityId,
        name: z.string(),
        role: z.enum(['staff', 'supervisor', 'admin']),
        skills: z.array(z.enum(SKILLS)),
        online: z.boolean(),
        onDuty: z.boolean(),
        place: z.string().nullable(),
        load: z.number().int().nonnegative(),
      }),
    ),
  }),
} as const;

/** Retained presence on .../status; also the MQTT last will, so it carries no timestamp of its own. */
export const statusPayloadSchema = z.object({
  v: z.literal(PROTOCOL_VERSION),
  state: z.enum(['online', 'offline']),
});

// ---- envelopes --------------------------------------------------------------------------------

export const envelopeHeaderSchema = z.object({
  v: z.number().int(),
  /** Client message id: unique per sender, the idempotency key of the request. */
  id: clientId,
  type: z.string().min(1).max(64),
  /** The sender: the device id or staff id, the same as in the topic. */
  from: z.string().min(1).max(64),
  /** Sender's clock, ms since the epoch. */
  ts: z.number().int().nonnegative(),
  body: z.unknown(),
});

type BodyMap = Record<string, z.ZodType>;
export type DeviceUpType = keyof typeof deviceUpBodies;
export type StaffUpType = keyof typeof staffUpBodies;
export type DownType = keyof typeof downBodies;

type Envelope<M extends BodyMap, K extends keyof M> = {
  v: number;
  id: string;
  type: K;
  from: string;
  ts: number;
  body: z.output<M[K]>;
};
type EnvelopeUnion<M extends BodyMap> = { [K in keyof M]: Envelope<M, K> }[keyof M];

export type DeviceUpMessage = EnvelopeUnion<typeof deviceUpBodies>;
export type StaffUpMessage = EnvelopeUnion<typeof staffUpBodies>;
export type DownMessage = EnvelopeUnion<typeof downBodies>;
export type DownBody<K extends DownType> = z.output<(typeof downBodies)[K]>;
export type DeviceUpBody<K extends DeviceUpType> = z.output<(typeof deviceUpBodies)[K]>;
export type StaffUpBody<K extends StaffUpType> = z.output<(typeof staffUpBodies)[K]>;
export type GuestEscalationView = z.output<typeof guestEscalationView>;
export type StaffEscalationView = z.output<typeof staffEscalationView>;
export type TicketView = z.output<typeof ticketView>;
export type BoardTicketView = z.output<typeof boardTicketView>;
export type Turn = z.output<typeof turnSchema>;
export type EscalationTrigger = z.output<typeof escalationTriggerSchema>;
export type Priority = z.output<typeof prioritySchema>;
export type EscalationStatus = z.output<typeof escalationStatusSchema>;
export type TicketStatus = z.output<typeof ticketStatusSchema>;
export type ErrorBody = z.output<typeof errorBody>;
export type BookingView = z.output<typeof bookingView>;
export type AppointmentView = z.output<typeof appointmentView>;
export type JourneyProblem = z.output<typeof journeyProblemSchema>;
export type HandoverOfferBody = z.output<typeof handoverOfferBody>;
