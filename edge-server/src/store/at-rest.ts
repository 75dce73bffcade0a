/**
 * Personal numbers never reach a store, whoever the caller is: every backend's sub-stores are wrapped
 * here (by `composeStore`), so the audit trail and the free text people type (escalation summaries and
 * transcripts, chat, conversation turns, ticket descriptions and notes, stored replies) are masked
 * on the way in. A caller that forgets to mask — a failed login quoting the id it was given, a
 * future handler — cannot leak an ID or phone number into the database.
 *
 * Only free text and audit fields are masked: identifiers, hashes and the knowledge base are kept as
 * they are (a masked key would no longer find its row; a KB may list the hotel's own phone number).
 */
import { maskPersonalData, maskText } from '../domain/privacy.js';
import type { Stores } from './store.js';

const maskOrNull = (s: string | null): string | null => (s === null ? null : maskText(s));

export function maskAtRest(raw: Stores): Stores {
  const { audit, escalations, tickets, conversations, chat, inbox, kbVersions } = raw;
  return {
    ...raw,
    // The reason is typed by an administrator: free text like any other.
    kbVersions: {
      get: (site, version) => kbVersions.get(site, version),
      list: (site, limit) => kbVersions.list(site, limit),
      append: (v) => kbVersions.append({ ...v, actor: maskText(v.actor), reason: maskText(v.reason) }),
    },
    audit: {
      list: (o) => audit.list(o),
      deleteAuthFailuresBefore: (before) => audit.deleteAuthFailuresBefore(before),
      append: (e) =>
        audit.append({
          ...e,
          actor: maskText(e.actor),
          subject: maskText(e.subject),
          detail: maskPersonalData(e.detail),
        }),
    },
    escalations: {
      get: (id) => escalations.get(id),
      list: (f) => escalations.list(f),
      events: (id) => escalations.events(id),
      put: (e) =>
        escalations.put({
          ...e,
          summary: maskText(e.summary),
          transcript: maskPersonalData(e.transcript),
          resolutionNote: maskOrNull(e.resolutionNote),
        }),
      appendEvents: (events) =>
        escalations.appendEvents(events.map((ev) => ({ ...ev, data: maskPersonalData(ev.data) }))),
    },
    tickets: {
      get: (id) => tickets.get(id),
      list: (f) => tickets.list(f),
      events: (id) => tickets.events(id),
      put: (t) =>
        tickets.put({
          ...t,
          description: maskText(t.description),
          ocrText: maskOrNull(t.ocrText),
          note: maskOrNull(t.note),
        }),
      appendEvent: (ev) => tickets.appendEvent({ ...ev, note: maskOrNull(ev.note) }),
    },
    conversations: {
      get: (id) => conversations.get(id),
      deleteUpdatedBefore: (before) => conversations.deleteUpdatedBefore(before),
      put: (c) => conversations.put({ ...c, turns: maskPersonalData(c.turns) }),
    },
    chat: {
      list: (id) => chat.list(id),
      append: (m) => chat.append({ ...m, text: maskText(m.text) }),
    },
    inbox: {
      get: (source, id) => inbox.get(source, id),
      prune: (before) => inbox.prune(before),
      put: (r) => inbox.put(r.reply ? { ...r, reply: maskPersonalData(r.reply) } : r),
    },
  };
}
