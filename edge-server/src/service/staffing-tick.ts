/** Someone came on duty: open tickets that nobody with the skill could take are assigned to them. */
import { TICKET_AUDIT_ACTIONS } from '@frontdesk/protocol';
import { assignToSkilled } from '../domain/index.js';
import type { Stores } from '../store/store.js';
import { recordAudit } from './audit.js';
import type { HandlerContext } from './handlers/context.js';
import { candidates, ticketOut } from './notify.js';
import type { Outbound } from './outbound.js';

export async function staffUnstaffedTickets(
  tx: Stores,
  ctx: HandlerContext,
  cache: Map<string, unknown>,
): Promise<Outbound[]> {
  const list: Outbound[] = [];
  for (const t of await tx.tickets.list({ status: ['open'] })) {
    if (t.unstaffed !== true) continue;
    const kb = await tx.knowledgeBases.get(t.site);
    const decision = assignToSkilled(t, await candidates(tx, t.site, t.place, kb, cache), ctx.now);
    if (!decision) continue;
    await tx.tickets.put(decision.ticket);
    await tx.tickets.appendEvent(decision.event);
    await recordAudit(tx.audit, ctx.now, {
      actor: 'system',
      action: TICKET_AUDIT_ACTIONS.assigned,
      subject: `ticket:${t.id}`,
      site: t.site,
      detail: { from: t.status, note: null },
    });
    list.push(...(await ticketOut(tx, ctx, decision.ticket, t)));
  }
  return list;
}
