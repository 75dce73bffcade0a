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
import { clone, matches, memoryTable } from './memory-table.js';
import {
  AUTH_FAILURE_ACTIONS,
  type AuditFilter,
  type KnowledgeBaseVersion,
  type KnowledgeBaseVersionStore,
  type ProcessedMessage,
  type RevokedToken,
  type Store,
  type Stores,
} from './store.js';

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
  kbVersions: KnowledgeBaseVersion[];
  photos: Map<string, Photo>;
  ratings: Map<string, Rating>;
  handovers: Map<string, Handover>;
  inbox: Map<string, ProcessedMessage>;
  audit: AuditEntry[];
  revokedTokens: Map<string, RevokedToken>;
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
  kbVersions: [],
  photos: new Map(),
  ratings: new Map(),
  handovers: new Map(),
  inbox: new Map(),
  audit: [],
  revokedTokens: new Map(),
  auditSeq: 0,
});

const byCreated = (a: { createdAt: number; id: string }, b: { createdAt: number; id: string }) =>
  a.createdAt - b.createdAt || a.id.localeCompare(b.id);
const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
const inboxKey = (source: string, messageId: string) => `${source}\u0000${messageId}`;

type Tables = ReturnType<typeof tables>;

/** One table per keyed entity; `state` is read on every call (a rollback swaps it). */
function tables(state: () => State) {
  return {
    escalations: memoryTable(
      () => state().escalations,
      (e) => e.id,
    ),
    tickets: memoryTable(
      () => state().tickets,
      (x) => x.id,
    ),
    conversations: memoryTable(
      () => state().conversations,
      (c) => c.id,
    ),
    staff: memoryTable(
      () => state().staff,
      (m) => m.id,
    ),
    presence: memoryTable(
      () => state().presence,
      (p) => p.staffId,
    ),
    devices: memoryTable(
      () => state().devices,
      (d) => d.id,
    ),
    kbs: memoryTable(
      () => state().kbs,
      (kb) => kb.site,
    ),
    photos: memoryTable(
      () => state().photos,
      (p) => p.id,
    ),
    handovers: memoryTable(
      () => state().handovers,
      (h) => h.codeHash,
    ),
    ratings: memoryTable(
      () => state().ratings,
      (r) => r.id,
    ),
    inbox: memoryTable(
      () => state().inbox,
      (r) => inboxKey(r.source, r.messageId),
    ),
    revokedTokens: memoryTable(
      () => state().revokedTokens,
      (r) => r.tokenHash,
    ),
  };
}

/** Work in hand: escalations and tickets with their append-only events. */
function workStores(s: () => State, t: Tables): Pick<Stores, 'escalations' | 'tickets'> {
  return {
    escalations: {
      get: async (id) => t.escalations.get(id),
      put: async (e) => t.escalations.put(e),
      list: async (f = {}) =>
        t.escalations.select(
          (e) =>
            matches(e.site, f.site) &&
            matches(e.status, f.status) &&
            matches(e.assigneeId ?? undefined, f.assigneeId) &&
            matches(e.deviceId, f.deviceId),
          byCreated,
          f.limit ?? 10_000,
        ),
      async appendEvents(events) {
        s().escalationEvents.push(...events.map(clone));
      },
      events: async (id) =>
        s()
          .escalationEvents.filter((e) => e.escalationId === id)
          .map(clone),
    },
    tickets: {
      get: async (id) => t.tickets.get(id),
      put: async (x) => t.tickets.put(x),
      list: async (f = {}) =>
        t.tickets.select(
          (x) =>
            matches(x.site, f.site) &&
            matches(x.status, f.status) &&
            matches(x.deviceId, f.deviceId) &&
            matches(x.assigneeId ?? undefined, f.assigneeId),
          byCreated,
          f.limit ?? 10_000,
        ),
      async appendEvent(ev) {
        s().ticketEvents.push(clone(ev));
      },
      events: async (id) =>
        s()
          .ticketEvents.filter((e) => e.ticketId === id)
          .map(clone),
    },
  };
}

/** What guests said and who serves them. */
function guestStores(
  s: () => State,
  t: Tables,
): Pick<Stores, 'conversations' | 'chat' | 'staff' | 'devices'> {
  return {
    conversations: {
      get: async (id) => t.conversations.get(id),
      put: async (c) => t.conversations.put(c),
      deleteUpdatedBefore: async (before) => t.conversations.deleteWhere((c) => c.updatedAt < before),
    },
    chat: {
      async append(m) {
        if (!s().chat.some((x) => x.escalationId === m.escalationId && x.id === m.id))
          s().chat.push(clone(m));
      },
      list: async (id) =>
        s()
          .chat.filter((m) => m.escalationId === id)
          .map(clone),
    },
    staff: {
      get: async (id) => t.staff.get(id),
      put: async (m) => t.staff.put(m),
      list: async (site) => t.staff.select((m) => matches(m.site, site), byId),
      getPresence: async (id) => t.presence.get(id),
      putPresence: async (p) => t.presence.put(p),
      listPresence: async () =>
        t.presence.select(
          () => true,
          (a, b) => a.staffId.localeCompare(b.staffId),
        ),
    },
    devices: {
      get: async (id) => t.devices.get(id),
      put: async (d) => t.devices.put(d),
      list: async (site) => t.devices.select((d) => matches(d.site, site), byId),
    },
  };
}

/** Per-site records: knowledge bases, photos, handovers, ratings. */
function siteStores(
  s: () => State,
  t: Tables,
): Pick<Stores, 'knowledgeBases' | 'photos' | 'handovers' | 'ratings'> {
  return {
    knowledgeBases: {
      get: async (site) => t.kbs.get(site),
      put: async (kb) => t.kbs.put(kb),
      sites: async () => [...s().kbs.keys()].sort(),
    },
    photos: {
      get: async (id) => t.photos.get(id),
      put: async (p) => t.photos.put(p, 'keep'),
      listCreatedBefore: async (before, limit = 1000) =>
        t.photos.select((p) => p.createdAt < before, byCreated, limit),
      async delete(id) {
        s().photos.delete(id);
      },
      countBySha256: async (sha256) => [...s().photos.values()].filter((p) => p.sha256 === sha256).length,
      storedBytes: async () => {
        const distinct = new Map([...s().photos.values()].map((p) => [p.sha256, p.bytes]));
        return [...distinct.values()].reduce((a, b) => a + b, 0);
      },
    },
    handovers: {
      get: async (codeHash) => t.handovers.get(codeHash),
      put: async (h) => t.handovers.put(h),
      listAttached: async (filter) =>
        t.handovers.select(
          (h) =>
            h.phoneDeviceId !== null &&
            matches(h.escalationId, filter.escalationId) &&
            matches(h.ticketId, filter.ticketId) &&
            matches(h.phoneDeviceId, filter.phoneDeviceId),
          (a, b) => a.codeHash.localeCompare(b.codeHash),
        ),
      deleteExpired: async (cutoffs) => t.handovers.deleteWhere((h) => isHandoverPurgeable(h, cutoffs)),
    },
    ratings: {
      put: async (r) => t.ratings.put(r, 'keep'),
      list: async (site) => t.ratings.select((r) => matches(r.site, site), byId),
    },
  };
}

/** Idempotency records and the audit trail. */
function recordStores(s: () => State, t: Tables): Pick<Stores, 'inbox' | 'audit' | 'revokedTokens'> {
  return {
    revokedTokens: {
      async revoke(r) {
        const old = t.revokedTokens.get(r.tokenHash);
        t.revokedTokens.put(old ? { ...r, revokedAt: Math.min(old.revokedAt, r.revokedAt) } : r);
      },
      revokedAt: async (hash) => t.revokedTokens.get(hash)?.revokedAt ?? null,
      deleteExpiredBefore: async (before) => t.revokedTokens.deleteWhere((r) => r.expiresAt < before),
    },
    inbox: {
      get: async (source, messageId) => t.inbox.get(inboxKey(source, messageId)),
      put: async (r) => t.inbox.put(r, 'keep'),
      prune: async (before) => t.inbox.deleteWhere((r) => r.at < before),
    },
    audit: {
      async append(entry) {
        const seq = ++s().auditSeq;
        s().audit.push({ ...clone(entry), site: entry.site ?? null, seq });
        return seq;
      },
      async deleteAuthFailuresBefore(before) {
        const actions: readonly string[] = AUTH_FAILURE_ACTIONS;
        const kept = s().audit.filter((a) => !(actions.includes(a.action) && a.at < before));
        const n = s().audit.length - kept.length;
        s().audit = kept;
        return n;
      },
      list: async (o = {}) =>
        s()
          .audit.filter((a) => auditMatches(a, o))
          .slice(0, o.limit ?? 1000)
          .map(clone),
    },
  };
}

/** `AuditFilter` as a predicate: the SQLite store's WHERE clause. */
function auditMatches(a: AuditEntry, o: AuditFilter): boolean {
  return (
    a.seq > (o.afterSeq ?? 0) &&
    matches(a.site, o.site) &&
    matches(a.actor, o.actor) &&
    matches(a.action, o.action) &&
    (o.subjectContains === undefined || a.subject.includes(o.subjectContains)) &&
    (o.fromAt === undefined || a.at >= o.fromAt) &&
    (o.toAt === undefined || a.at < o.toAt)
  );
}

/** Every published knowledge base; appended only, a (site, version) once. */
function kbVersionStore(s: () => State): KnowledgeBaseVersionStore {
  const find = (site: string, version: number) =>
    s().kbVersions.find((v) => v.site === site && v.version === version);
  return {
    async append(v) {
      if (find(v.site, v.version)) throw new Error(`version ${v.version} of ${v.site} exists already`);
      s().kbVersions.push(clone(v));
    },
    get: async (site, version) => clone(find(site, version) ?? null),
    list: async (site, limit = 1000) =>
      s()
        .kbVersions.filter((v) => v.site === site)
        .sort((a, b) => b.version - a.version)
        .slice(0, limit)
        .map(({ kb: _kb, ...summary }) => clone(summary)),
  };
}

/** An in-memory store with the same behaviour as the SQLite one (the contract suite checks both). */
export function createMemoryStore(): Store {
  let s = emptyState();
  let snapshot: State | null = null;
  const t = tables(() => s);
  const state = () => s;
  const raw: Stores = {
    ...workStores(state, t),
    ...guestStores(state, t),
    ...siteStores(state, t),
    ...recordStores(state, t),
    kbVersions: kbVersionStore(state),
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
