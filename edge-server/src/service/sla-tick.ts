/** The SLA clock's work: re-offer, reassure and re-escalate what waited too long (tickets too). */
import { ESCALATION_AUDIT_ACTIONS, type KnowledgeBase } from '@frontdesk/protocol';
import { MAX_LEVEL, nextDeadline, policyFor, tickEscalation, type Escalation } from '../domain/index.js';
import type { Stores } from '../store/store.js';
import { recordAudit } from './audit.js';
import type { HandlerContext } from './handlers/context.js';
import { candidates, escalationOut } from './notify.js';
import type { Outbound } from './outbound.js';
import { staffUnstaffedTickets } from './staffing-tick.js';
import { ticketSlaTick } from './ticket-sla-tick.js';

interface TickState {
  out: Outbound[];
  kbs: Map<string, KnowledgeBase | null>;
  cache: Map<string, unknown>;
}

/**
 * Applies every SLA timer that is due at `ctx.now`, inside `tx`; returns the next deadline (or
 * null) and what to send after the commit. Escalations not yet due are skipped without computing
 * anything, except, when `presenceChanged`, those at the last level, which are offered to whoever
 * has just come on duty.
 */
export async function slaTick(
  tx: Stores,
  ctx: HandlerContext,
  presenceChanged: boolean,
): Promise<{ next: number | null; out: Outbound[] }> {
  const pending = await tx.escalations.list({ status: ['pending'] });
  const state: TickState = { out: [], kbs: new Map(), cache: new Map() };
  let soonest: number | null = null;
  const consider = (due: number | null) => {
    if (due !== null && (soonest === null || due < soonest)) soonest = due;
  };
  for (const e of pending) {
    const due = nextDeadline(e, policyFor(e.priority, ctx.policies));
    const lastLevelOffer = presenceChanged && (e.level >= MAX_LEVEL || e.unstaffed === true);
    if (!lastLevelOffer && (due === null || due > ctx.now)) {
      consider(due);
      continue;
    }
    consider(await tickOne(tx, ctx, e, state));
  }
  if (presenceChanged) state.out.push(...(await staffUnstaffedTickets(tx, ctx, state.cache)));
  const tickets = await ticketSlaTick(tx, ctx);
  consider(tickets.next);
  return { next: soonest, out: [...state.out, ...tickets.out] };
}

/** Ticks one escalation; returns its next deadline. */
async function tickOne(tx: Stores, ctx: HandlerContext, e: Escalation, state: TickState) {
  const policy = policyFor(e.priority, ctx.policies);
  if (!state.kbs.has(e.site)) state.kbs.set(e.site, await tx.knowledgeBases.get(e.site));
  const found = await candidates(tx, e.site, e.place, state.kbs.get(e.site) ?? null, state.cache);
  const decision = tickEscalation(e, policy, ctx.now, found);
  if (decision.events.length > 0) {
    if (decision.events.some((ev) => ev.kind === 're_escalated')) ctx.metrics.reEscalations++;
    await tx.escalations.put(decision.escalation);
    await tx.escalations.appendEvents(decision.events);
    for (const ev of decision.events) {
      if (ev.kind === 're_escalated')
        await recordAudit(tx.audit, ctx.now, {
          actor: 'system',
          action: ESCALATION_AUDIT_ACTIONS.re_escalated,
          subject: `escalation:${e.id}`,
          detail: ev.data,
          site: e.site,
        });
    }
    state.out.push(...(await escalationOut(tx, ctx, decision.escalation, decision.events, e)));
  }
  return nextDeadline(decision.escalation, policy);
}
