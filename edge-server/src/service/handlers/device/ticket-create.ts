import type { DeviceUpMessage } from '@frontdesk/protocol';
import { checkTicketPhotos, createTicket, ticketDeadline, type Photo } from '../../../domain/index.js';
import { recordAudit } from '../../audit.js';
import { candidates, ticketOut } from '../../notify.js';
import type { DeviceContext, Handler } from '../context.js';

/** A guest reports a fault: a ticket routed to the nearest member of staff with the skill. */
export const ticketCreate: Handler<
  DeviceContext,
  Extract<DeviceUpMessage, { type: 'ticket.create' }>
> = async (tx, ctx, msg) => {
  const { device } = ctx;
  const existing = await tx.tickets.get(msg.body.ticketId);
  if (existing)
    return existing.deviceId === device.id
      ? { ok: false, code: 'CONFLICT', reason: `ticket ${msg.body.ticketId} already exists` }
      : // Another device's ticket: not named, and nothing about it told.
        { ok: false, code: 'CONFLICT', reason: 'this ticket id is already used; choose a new one' };
  // The kiosk's outbox uploads a report's photos before publishing it, so they are here by now.
  const photos = new Map<string, Photo>();
  for (const id of new Set(msg.body.photoIds)) {
    const photo = await tx.photos.get(id);
    if (photo) photos.set(id, photo);
  }
  const refused = checkTicketPhotos(msg.body.photoIds, photos, device);
  if (refused) return refused;
  const kb = await tx.knowledgeBases.get(device.site);
  const place = msg.body.place ?? device.place;
  const decision = createTicket(msg.body, {
    now: ctx.now,
    site: device.site,
    siteKind: kb?.kind ?? 'hotel',
    rules: kb?.routing ?? [],
    deviceId: device.id,
    devicePlace: device.place,
    candidates: await candidates(tx, device.site, place ?? null, kb),
    policies: ctx.ticketPolicies,
  });
  await tx.tickets.put(decision.ticket);
  await tx.tickets.appendEvent(decision.event);
  await recordAudit(tx.audit, ctx.now, {
    actor: `device:${device.id}`,
    action: 'ticket.create',
    subject: `ticket:${decision.ticket.id}`,
    detail: { category: decision.ticket.category, room: decision.ticket.room },
    site: decision.ticket.site,
  });
  ctx.metrics.ticketsCreated++;
  const due = ticketDeadline(decision.ticket);
  if (due !== null) ctx.onDeadline(due);
  return { entityId: decision.ticket.id, out: await ticketOut(tx, ctx, decision.ticket, null) };
};
