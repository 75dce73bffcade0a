import type { KnowledgeBase } from '@frontdesk/protocol';
import type {
  AuditEntry,
  ChatMessage,
  Conversation,
  Device,
  Escalation,
  EscalationEvent,
  Handover,
  Photo,
  Rating,
  StaffMember,
  StaffPresence,
  Ticket,
  TicketEvent,
} from '../domain/types.js';
import { isHandoverPurgeable } from '../domain/handovers.js';
import { composeStore } from './compose.js';
import { AUTH_FAILURE_ACTIONS, type ProcessedMessage, type Store, type Stores } from './store.js';

interface State {
  escalations: Map<string, Escalation>;
  escalationEvents: EscalationEvent[];
  tickets: Map<string, Ticket>;
  ticketEvents: TicketEvent[];
  conversations: Map<string, Conversation>;
  chat: ChatMessage[];
  staff: Map<string, StaffMember>;
  presence: Map<string, StaffPresence>;
  devices: Map<string, Device>;
  kbs: Map<string, KnowledgeBase>;
  photos: Map<string, Photo>;
  ratings: Map<string, Rating>;
  handovers: Map<string, Handover>;
  inbox: Map<string, ProcessedMessage>;
  audit: AuditEntry[];
  /** The last audit sequence number handed out: deleting old failed sign-ins never reuses one. */
  auditSeq: number;
}

const emptyState = (): State => ({
  escalations: new Map(),
  escalationEvents: [],
  tickets: new Map(),
  ticketEvents: [],
  conversations: new Map(),
  chat: [],
  staff: new Map(),
  presence: new Map(),
  devices: new Map(),
  kbs: new Map(),
  photos: new Map(),
  ratings: new Map(),
  handovers: new Map(),
  inbox: new Map(),
  audit: [],
  auditSeq: 0,
});

// Values are cloned in and out, as a database would, so callers cannot mutate what is stored.
const clone = <T>(value: T): T => structuredClone(value);
const matches = <T>(value: T, wanted: T | T[] | undefined) =>
  wanted === undefined || (Array.isArray(wanted) ? wanted.includes(value) : wanted === value);
const byCreated = (a: { createdAt: number; id: string }, b: { createdAt: number; id: string }) =>
  a.createdAt - b.createdAt || a.id.localeCompare(b.id);

/** An in-memory store with the same behaviour as the SQLite one (the contract suite checks both). */
export function createMemoryStore(): Store {
  let s = emptyState();
  let snapshot: State | null = null;
  const raw: Stores = {
    escalations: {
      async get(id) {
        const e = s.escalations.get(id);
        return e ? clone(e) : null;
      },
      async put(e) {
        s.escalations.set(e.id, clone(e));
      },
      async list(f = {}) {
        return [...s.escalations.values()]
          .filter(
            (e) =>
              matches(e.site, f.site) &&
              matches(e.status, f.status) &&
              matches(e.assigneeId ?? undefined, f.assigneeId) &&
              matches(e.deviceId, f.deviceId),
          )
          .sort(byCreated)
          .slice(0, f.limit ?? 10_000)
          .map(clone);
      },
      async appendEvents(events) {
        s.escalationEvents.push(...events.map(clone));
      },
      async events(id) {
        return s.escalationEvents.filter((e) => e.escalationId === id).map(clone);
      },
    },
    tickets: {
      async get(id) {
        const t = s.tickets.get(id);
        return t ? clone(t) : null;
      },
      async put(t) {
        s.tickets.set(t.id, clone(t));
      },
      async list(f = {}) {
        return [...s.tickets.values()]
          .filter(
            (t) =>
              matches(t.site, f.site) &&
              matches(t.status, f.status) &&
              matches(t.deviceId, f.deviceId) &&
              matches(t.assigneeId ?? undefined, f.assigneeId),
          )
          .sort(byCreated)
          .slice(0, f.limit ?? 10_000)
          .map(clone);
      },
      async appendEvent(ev) {
        s.ticketEvents.push(clone(ev));
      },
      async events(id) {
        return s.ticketEvents.filter((e) => e.ticketId === id).map(clone);
      },
    },
    conversations: {
      async get(id) {
        const c = s.conversations.get(id);
        return c ? clone(c) : null;
      },
      async put(c) {
        s.conversations.set(c.id, clone(c));
      },
      async deleteUpdatedBefore(before) {
        let n = 0;
        for (const [id, c] of s.conversations) {
          if (c.updatedAt < before) {
            s.conversations.delete(id);
            n++;
          }
        }
        return n;
      },
    },
    chat: {
      async append(m) {
        if (!s.chat.some((x) => x.escalationId === m.escalationId && x.id === m.id)) s.chat.push(clone(m));
      },
      async list(id) {
        return s.chat.filter((m) => m.escalationId === id).map(clone);
      },
    },
    staff: {
      async get(id) {
        const m = s.staff.get(id);
        return m ? clone(m) : null;
      },
      async put(m) {
        s.staff.set(m.id, clone(m));
      },
      async list(site) {
        return [...s.staff.values()]
          .filter((m) => matches(m.site, site))
          .sort((a, b) => a.id.localeCompare(b.id))
          .map(clone);
      },
      async getPresence(id) {
        const p = s.presence.get(id);
        return p ? clone(p) : null;
      },
      async putPresence(p) {
        s.presence.set(p.staffId, clone(p));
      },
      async listPresence() {
        return [...s.presence.values()].sort((a, b) => a.staffId.localeCompare(b.staffId)).map(clone);
      },
    },
    devices: {
      async get(id) {
        const d = s.devices.get(id);
        return d ? clone(d) : null;
      },
      async put(d) {
        s.devices.set(d.id, clone(d));
      },
      async list(site) {
        return [...s.devices.values()]
          .filter((d) => matches(d.site, site))
          .sort((a, b) => a.id.localeCompare(b.id))
          .map(clone);
      },
    },
    knowledgeBases: {
      async get(site) {
        const kb = s.kbs.get(site);
        return kb ? clone(kb) : null;
      },
      async put(kb) {
        s.kbs.set(kb.site, clone(kb));
      },
      async sites() {
        return [...s.kbs.keys()].sort();
      },
    },
    photos: {
      async get(id) {
        const p = s.photos.get(id);
        return p ? clone(p) : null;
      },
      async put(p) {
        if (!s.photos.has(p.id)) s.photos.set(p.id, clone(p));
      },
      async listCreatedBefore(before, limit = 1000) {
        return [...s.photos.values()]
          .filter((p) => p.createdAt < before)
          .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
          .slice(0, limit)
          .map(clone);
      },
      async delete(id) {
        s.photos.delete(id);
      },
    },
    handovers: {
      async get(codeHash) {
        const h = s.handovers.get(codeHash);
        return h ? clone(h) : null;
      },
      async put(h) {
        s.handovers.set(h.codeHash, clone(h));
      },
      async listAttached(filter) {
        return [...s.handovers.values()]
          .filter(
            (h) =>
              h.phoneDeviceId !== null &&
              matches(h.escalationId, filter.escalationId) &&
              matches(h.ticketId, filter.ticketId) &&
              matches(h.phoneDeviceId, filter.phoneDeviceId),
          )
          .sort((a, b) => a.codeHash.localeCompare(b.codeHash))
          .map(clone);
      },
      async deleteExpired(cutoffs) {
        let deleted = 0;
        for (const [key, h] of s.handovers)
          if (isHandoverPurgeable(h, cutoffs)) {
            s.handovers.delete(key);
            deleted++;
          }
        return deleted;
      },
    },
    ratings: {
      async put(r) {
        if (!s.ratings.has(r.id)) s.ratings.set(r.id, clone(r));
      },
      async list(site) {
        return [...s.ratings.values()]
          .filter((r) => matches(r.site, site))
          .sort((a, b) => a.id.localeCompare(b.id))
          .map(clone);
      },
    },
    inbox: {
      async get(source, messageId) {
        const r = s.inbox.get(`${source}\u0000${messageId}`);
        return r ? clone(r) : null;
      },
      async put(r) {
        const key = `${r.source}\u0000${r.messageId}`;
        if (!s.inbox.has(key)) s.inbox.set(key, clone(r));
      },
      async prune(before) {
        let n = 0;
        for (const [key, r] of s.inbox) {
          if (r.at < before) {
            s.inbox.delete(key);
            n++;
          }
        }
        return n;
      },
    },
    audit: {
      async append(entry) {
        const seq = ++s.auditSeq;
        s.audit.push({ ...clone(entry), seq });
        return seq;
      },
      async deleteAuthFailuresBefore(before) {
        const actions: readonly string[] = AUTH_FAILURE_ACTIONS;
        const kept = s.audit.filter((a) => !(actions.includes(a.action) && a.at < before));
        const n = s.audit.length - kept.length;
        s.audit = kept;
        return n;
      },
      async list(o = {}) {
        return s.audit
          .filter((a) => a.seq > (o.afterSeq ?? 0))
          .slice(0, o.limit ?? 1000)
          .map(clone);
      },
    },
  };
  return composeStore('memory', raw, {
    begin: () => {
      snapshot = structuredClone(s);
    },
    commit: () => {
      snapshot = null;
    },
    rollback: () => {
      if (snapshot) s = snapshot;
      snapshot = null;
    },
    close: () => undefined,
  });
}
