import { FrontdeskError } from '@frontdesk/protocol';
import { extractFaultCodes } from '@frontdesk/models/ocr';
import { repairPhotoRefusal, toTicketView } from '../../domain/index.js';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../deps.js';
import { photoHeaders } from '../page-security.js';
import { parse } from '../validate.js';

// The format is checked by the PhotoService (an id that is not a SHA-256 is simply not found).
const photoParams = z.object({ id: z.string() });
const ticketParams = z.object({ id: z.string().max(128) });

/** Photos arrive as the raw image body (kiosk: fetch with a Blob) or as multipart (WeChat's uploadFile). */
async function uploadedBytes(req: FastifyRequest): Promise<Buffer> {
  if (req.isMultipart()) {
    const file = await req.file();
    if (!file) throw new FrontdeskError('INVALID_MESSAGE', 'expected one file field');
    return file.toBuffer();
  }
  if (Buffer.isBuffer(req.body)) return req.body;
  throw new FrontdeskError('UNSUPPORTED_MEDIA_TYPE', 'send the image as image/jpeg, image/png or image/webp');
}

/**
 * Fault photos: upload by a device, viewing by staff, and reading (OCR) for phones that cannot;
 * repair photos: upload by the staff who hold a ticket.
 */
export const photoRoutes =
  (deps: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    app.post('/api/photos', async (req, reply) => {
      const device = await deps.auth.device(req);
      const photo = await deps.photos.upload(device, await uploadedBytes(req));
      return reply.status(201).send({ photoId: photo.id, mime: photo.mime, bytes: photo.bytes });
    });

    // Who may is checked before the bytes are read: a photo for a ticket the caller does not hold is
    // never stored. The service checks again inside its transaction (the ticket may move meanwhile).
    app.post('/api/tickets/:id/photos', async (req, reply) => {
      const staff = await deps.auth.staff(req);
      const { id } = parse(ticketParams, req.params, 'NOT_FOUND');
      const ticket = await deps.store.tickets.get(id);
      if (!ticket || ticket.site !== staff.site) throw new FrontdeskError('NOT_FOUND');
      const refused = repairPhotoRefusal(ticket, { kind: 'staff', id: staff.id, role: staff.role });
      if (refused) throw new FrontdeskError(refused.code, refused.reason);
      const photo = await deps.photos.uploadByStaff(staff, await uploadedBytes(req));
      const added = await deps.service.addRepairPhoto(staff, id, photo.id);
      if (!added.ok) throw new FrontdeskError(added.code, added.reason);
      const assignee = added.ticket.assigneeId ? await deps.store.staff.get(added.ticket.assigneeId) : null;
      return reply.status(201).send({
        photoId: photo.id,
        mime: photo.mime,
        bytes: photo.bytes,
        ticket: toTicketView(added.ticket, assignee?.name ?? null),
      });
    });

    app.get('/api/photos/:id', async (req, reply) => {
      const staff = await deps.auth.staff(req);
      const { photo, bytes } = await deps.photos.view(staff, parse(photoParams, req.params, 'NOT_FOUND').id);
      return reply.headers(photoHeaders(photo)).send(bytes);
    });

    // A phone that cannot run OCR asks the server to read its fault photo: only the device that uploaded
    // it (or staff of the site) may, and only fault codes come back — ID documents are never uploaded.
    app.post('/api/photos/:id/read', async (req) => {
      const who = await deps.auth.anyone(req);
      if (who.kind === 'server') throw new FrontdeskError('FORBIDDEN');
      if (!deps.photoText) throw new FrontdeskError('NOT_FOUND', 'this server does not read photos');
      const { photo, bytes } = await deps.photos.open(who, parse(photoParams, req.params, 'NOT_FOUND').id);
      const started = performance.now();
      const lines = await deps.photoText.read(bytes);
      const ms = Math.round(performance.now() - started);
      const kb = await deps.store.knowledgeBases.get(photo.site);
      const text = lines.map((l) => l.text).join('\n');
      const codes = extractFaultCodes(text);
      const known = new Set(extractFaultCodes(text, kb?.faultCodes.map((f) => f.code) ?? []));
      await deps.service.audit({
        actor: `${who.kind}:${who.id}`,
        action: 'photo.read',
        subject: `photo:${photo.id}`,
        detail: { codes: codes.length },
        site: photo.site,
      });
      return {
        photoId: photo.id,
        lines: lines.map((l) => ({ text: l.text, score: Math.round(l.score * 1e4) / 1e4 })),
        faultCodes: codes,
        knownFaultCodes: (kb?.faultCodes ?? []).filter((f) => known.has(f.code)),
        ms,
      };
    });
  };
