/** Read-only views for the staff console's detail screens and its own presence: no decisions, no writes. */
import type { Priority } from '@frontdesk/protocol';
import {
  policyFor,
  queuePositions,
  toStaffView,
  toTicketView,
  type EscalationPolicy,
} from '../domain/index.js';
import type { Stores } from '../store/store.js';

type Policies = Partial<Record<Priority, EscalationPolicy>> | undefined;

/** Who the member is and whether they can be offered work now. */
export async function staffMe(store: Stores, staffId: string) {
  const m = await store.staff.get(staffId);
  if (!m) return null;
  const p = await store.staff.getPresence(staffId);
  return {
    id: m.id,
    name: m.name,
    role: m.role,
    skills: m.skills,
    site: m.site,
    onDuty: p?.onDuty ?? false,
    place: p?.place ?? null,
    online: p?.online ?? false,
  };
}

/** One escalation as staff see it (assignee name, `claimDueAt`, `unstaffed`) with sentiment, events, chat. */
export async function escalationDetail(store: Stores, policies: Policies, id: string) {
  const e = await store.escalations.get(id);
  if (!e) return null;
  const pending = await store.escalations.list({ site: e.site, status: ['pending'] });
  const assignee = e.assigneeId ? await store.staff.get(e.assigneeId) : null;
  const view = toStaffView(
    e,
    queuePositions(pending).get(e.id) ?? null,
    assignee?.name ?? null,
    policyFor(e.priority, policies),
  );
  return {
    escalation: { ...view, sentiment: e.sentiment, vip: e.vip, resolutionNote: e.resolutionNote },
    events: await store.escalations.events(id),
    chat: await store.chat.list(id),
  };
}

/** One ticket with what the list leaves out: OCR text, language, conversation and its history with notes. */
export async function ticketDetail(store: Stores, id: string) {
  const t = await store.tickets.get(id);
  if (!t) return null;
  const assignee = t.assigneeId ? await store.staff.get(t.assigneeId) : null;
  return {
    ticket: {
      ...toTicketView(t, assignee?.name ?? null),
      ocrText: t.ocrText,
      lang: t.lang,
      conversationId: t.conversationId,
    },
    events: await store.tickets.events(id),
  };
}
