import type { Escalation } from '../../../domain/index.js';
import type { Stores } from '../../../store/store.js';
import type { StaffContext } from '../context.js';

/** An escalation of the member's own site, or null: another site's is as good as unknown. */
export async function siteEscalation(tx: Stores, ctx: StaffContext, id: string): Promise<Escalation | null> {
  const e = await tx.escalations.get(id);
  return e && e.site === ctx.member.site ? e : null;
}

export const staffRef = (ctx: StaffContext) => `staff:${ctx.member.id}`;

export const noEscalation = (id: string) => ({
  ok: false as const,
  code: 'NOT_FOUND' as const,
  reason: `no escalation ${id}`,
});
