/** Read-only views for the HTTP API and the retained queue snapshot: no decisions, no writes. */
import {
  HANDOVER_HISTORY_LIMIT,
  type DownBody,
  type GuestEscalationView,
  type Priority,
  type TicketView,
  type Turn,
} from '@frontdesk/protocol';
import {
  policyFor,
  queuePositions,
  toGuestView,
  toBoardTicketView,
  toStaffView,
  toTicketView,
  type Escalation,
  type EscalationPolicy,
  type Handover,
  type Ticket,
} from '../domain/index.js';
import type { Stores } from '../store/store.js';

type Policies = Partial<Record<Priority, EscalationPolicy>> | undefined;

/** What a phone learns about the conversation a kiosk handed over to it. */
export interface HandoverView {
  conversationId: string;
  expiresAt: number;
  escalation: GuestEscalationView | null;
  ticket: TicketView | null;
  /** The kiosk conversation so far and the chat with staff, so the phone resumes with its history. */
  turns: Turn[];
  chat: Array<DownBody<'chat.message'>>;
}

async function staffNames(store: Stores, site: string) {
  return new Map((await store.staff.list(site)).map((m) => [m.id, m.name]));
}

/** A site's escalations as staff see them (open ones unless `status` says otherwise). */
export async function escalationViews(
  store: Stores,
  policies: Policies,
  site: string,
  status?: Escalation['status'][],
) {
  const list = await store.escalations.list({ site, status: status ?? ['pending', 'claimed'] });
  const positions = queuePositions(list.filter((e) => e.status === 'pending'));
  const names = await staffNames(store, site);
  return list.map((e) =>
    toStaffView(
      e,
      positions.get(e.id) ?? null,
      e.assigneeId ? (names.get(e.assigneeId) ?? null) : null,
      policyFor(e.priority, policies),
    ),
  );
}

/** A site's tickets (open ones unless `status` says otherwise). */
export async function ticketViews(store: Stores, site: string, status?: Ticket['status'][]) {
  const list = await store.tickets.list({ site, status: status ?? ['open', 'assigned', 'in_progress'] });
  const names = await staffNames(store, site);
  return list.map((t) => toTicketView(t, t.assigneeId ? (names.get(t.assigneeId) ?? null) : null));
}

/** Who waits and who works at a site: the supervisors' view, also published retained. */
export async function queueSnapshot(store: Stores, policies: Policies, site: string) {
  const escalations = await escalationViews(store, policies, site);
  const names = await staffNames(store, site);
  const tickets = (await store.tickets.list({ site, status: ['open', 'assigned', 'in_progress'] })).map((t) =>
    toBoardTicketView(t, t.assigneeId ? (names.get(t.assigneeId) ?? null) : null),
  );
  const members = await store.staff.list(site);
  const presence = new Map((await store.staff.listPresence()).map((p) => [p.staffId, p]));
  const loads = new Map<string, number>();
  for (const e of escalations)
    if (e.status === 'claimed' && e.assignee) loads.set(e.assignee.id, (loads.get(e.assignee.id) ?? 0) + 1);
  return {
    site,
    escalations,
    tickets,
    staff: members.map((m) => ({
      id: m.id,
      name: m.name,
      role: m.role,
      skills: m.skills,
      online: presence.get(m.id)?.online ?? false,
      onDuty: presence.get(m.id)?.onDuty ?? false,
      place: presence.get(m.id)?.place ?? null,
      load: loads.get(m.id) ?? 0,
    })),
  };
}

/** What a handover carries, limited to the entities of the kiosk that offered it. */
export async function handoverView(tx: Stores, h: Handover): Promise<HandoverView> {
  let escalation: GuestEscalationView | null = null;
  if (h.escalationId) {
    const e = await tx.escalations.get(h.escalationId);
    if (e && e.deviceId === h.deviceId) {
      const pending = await tx.escalations.list({ site: e.site, status: ['pending'] });
      const assignee = e.assigneeId ? await tx.staff.get(e.assigneeId) : null;
      escalation = toGuestView(e, queuePositions(pending).get(e.id) ?? null, assignee?.name ?? null);
    }
  }
  let ticket: TicketView | null = null;
  if (h.ticketId) {
    const t = await tx.tickets.get(h.ticketId);
    if (t && t.deviceId === h.deviceId) {
      const assignee = t.assigneeId ? await tx.staff.get(t.assigneeId) : null;
      ticket = toTicketView(t, assignee?.name ?? null);
    }
  }
  const conversation = await tx.conversations.get(h.conversationId);
  const turns = conversation && conversation.deviceId === h.deviceId ? conversation.turns : [];
  const chat = escalation ? await tx.chat.list(escalation.id) : [];
  return {
    conversationId: h.conversationId,
    expiresAt: h.expiresAt,
    escalation,
    ticket,
    turns: turns.slice(-HANDOVER_HISTORY_LIMIT),
    chat: chat.slice(-HANDOVER_HISTORY_LIMIT).map((m) => ({
      escalationId: m.escalationId,
      messageId: m.id,
      from: m.from,
      name: m.name,
      text: m.text,
      at: m.at,
    })),
  };
}
