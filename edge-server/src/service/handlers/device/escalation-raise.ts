import type { DeviceUpMessage } from '@frontdesk/protocol';
import { escalationPlace, raiseEscalation, type EscalationRaiseBody } from '../../../domain/index.js';
import type { Stores } from '../../../store/store.js';
import { recordAudit } from '../../audit.js';
import { conversationIsVip } from '../../guest-tier.js';
import { candidates } from '../../notify.js';
import { isError, type Handled } from '../../outbound.js';
import { applyEscalation } from '../apply.js';
import type { DeviceContext, Handler } from '../context.js';

/** A guest asks for a person (or the server's no-answer rule does, for them). */
export async function raise(tx: Stores, ctx: DeviceContext, body: EscalationRaiseBody): Promise<Handled> {
  const { device } = ctx;
  const existing = await tx.escalations.get(body.escalationId);
  if (existing) {
    return existing.deviceId === device.id
      ? { entityId: existing.id, out: [] }
      : // Another device's escalation: not named, and nothing about it told.
        { ok: false, code: 'CONFLICT', reason: 'this escalation id is already used; choose a new one' };
  }
  // One open request for a person per conversation: a second trigger (the kiosk's and the
  // server's no-answer rule, a guest tapping twice) joins the first instead of paging twice.
  const open = await tx.escalations.list({ deviceId: device.id, status: ['pending', 'claimed'] });
  const same = open.find((e) => e.conversationId === body.conversationId);
  if (same) return { entityId: same.id, out: [] };

  const kb = await tx.knowledgeBases.get(device.site);
  const place = escalationPlace(body, device.place);
  // A guest the hotel's system knows as VIP is one, whatever the kiosk said.
  const vip = body.vip || (await conversationIsVip(tx, device, body.conversationId));
  const decision = raiseEscalation(
    { ...body, vip },
    {
      preferSenior: kb?.vipPolicy?.preferSenior === true,
      now: ctx.now,
      site: device.site,
      siteKind: kb?.kind ?? 'hotel',
      rules: kb?.routing ?? [],
      deviceId: device.id,
      devicePlace: device.place,
      candidates: await candidates(tx, device.site, place, kb),
    },
  );
  ctx.metrics.escalationsRaised++;
  const applied = await applyEscalation(tx, ctx, decision);
  if (isError(applied)) return applied;
  await recordAudit(tx.audit, ctx.now, {
    actor: `device:${device.id}`,
    action: 'escalation.raise',
    subject: `escalation:${decision.escalation.id}`,
    detail: {
      trigger: body.trigger,
      priority: decision.escalation.priority,
      skill: decision.escalation.skill,
      summary: body.summary,
    },
    site: device.site,
  });
  return applied;
}

export const escalationRaise: Handler<
  DeviceContext,
  Extract<DeviceUpMessage, { type: 'escalation.raise' }>
> = (tx, ctx, msg) => raise(tx, ctx, msg.body);
