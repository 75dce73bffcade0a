/**
 * Issue 12: a photo of the repair on a ticket (`POST /api/tickets/:id/photos`). Only the staff who
 * hold the ticket (its assignee, a supervisor of its site) may add one, through the PhotoService's
 * checks; the ticket's history, `ticket.updated` and the kiosk follow. The real server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketFixture } from '../src/store/fixtures.js';
import { DEMO, kioskOnline, staffOnline, staffToken, startTestServer, type TestServer } from './harness.js';
import { basic, png } from './http-fixtures.js';

const MAINT = { id: 'chen-jie', password: 'demo-maint-1' };

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer('embedded', { PHOTO_MAX_BYTES: String(64 * 1024) });
  const base = { site: 'grand-hotel', deviceId: DEMO.kiosk.id, photoIds: [], createdAt: Date.now() };
  await t.server.store.tickets.put(
    ticketFixture({ ...base, id: 'tk-held', status: 'in_progress', assigneeId: MAINT.id }),
  );
  await t.server.store.tickets.put(
    ticketFixture({ ...base, id: 'tk-other', status: 'assigned', assigneeId: 'wang-wei' }),
  );
  await t.server.store.tickets.put(
    ticketFixture({ ...base, id: 'tk-cancelled', status: 'cancelled', assigneeId: MAINT.id }),
  );
  await t.server.store.tickets.put(
    ticketFixture({
      ...base,
      id: 'tk-hospital',
      site: 'city-hospital',
      deviceId: DEMO.hospitalKiosk.id,
      status: 'in_progress',
      assigneeId: 'guo-qiang',
    }),
  );
});
afterAll(async () => t?.close());

const upload = (ticketId: string, auth: string | null, body: Buffer | string = png(1), type = 'image/png') =>
  fetch(`${t.httpUrl}/api/tickets/${ticketId}/photos`, {
    method: 'POST',
    headers: { 'content-type': type, ...(auth ? { authorization: auth } : {}) },
    body,
  });
const codeOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;
const photoUploads = async () =>
  (await t.server.store.audit.list({ limit: 1000 })).filter((a) => a.action === 'photo.upload').length;

describe('a repair photo on a ticket', () => {
  it('is refused to the anonymous, a kiosk, staff who do not hold it, another site and a revoked token; nothing is stored', async () => {
    const before = await photoUploads();
    const clerk = await staffToken(t.httpUrl, DEMO.frontDesk.id, DEMO.frontDesk.password);
    const hospitalSupervisor = await staffToken(
      t.httpUrl,
      DEMO.hospitalSupervisor.id,
      DEMO.hospitalSupervisor.password,
    );
    const maint = await staffToken(t.httpUrl, MAINT.id, MAINT.password);
    expect((await upload('tk-held', null)).status).toBe(401);
    expect(await codeOf(await upload('tk-held', basic(DEMO.kiosk.id, DEMO.kiosk.secret)))).toBe('FORBIDDEN');
    // The ticket's own kiosk is no staff either.
    const ownKiosk = await upload('tk-held', basic(DEMO.kiosk.id, DEMO.kiosk.secret), png(2));
    expect(ownKiosk.status).toBe(403);
    const notTheirs = await upload('tk-held', `Bearer ${clerk}`);
    expect(notTheirs.status).toBe(403);
    expect(await codeOf(notTheirs)).toBe('FORBIDDEN');
    expect((await upload('tk-other', `Bearer ${maint}`)).status).toBe(403);
    expect(await codeOf(await upload('tk-held', `Bearer ${hospitalSupervisor}`))).toBe('NOT_FOUND');
    expect(await codeOf(await upload('tk-hospital', `Bearer ${maint}`))).toBe('NOT_FOUND');
    expect(await codeOf(await upload('no-such-ticket', `Bearer ${maint}`))).toBe('NOT_FOUND');
    expect(await codeOf(await upload('tk-cancelled', `Bearer ${maint}`))).toBe('INVALID_STATE');
    const out = await staffToken(t.httpUrl, MAINT.id, MAINT.password);
    await fetch(`${t.httpUrl}/api/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${out}` },
    });
    expect((await upload('tk-held', `Bearer ${out}`)).status).toBe(401);
    expect(await photoUploads()).toBe(before);
    expect((await t.server.store.tickets.get('tk-held'))?.repairPhotoIds ?? []).toEqual([]);
  });

  it('is refused when it is not an image, lies about its type, is empty or too large', async () => {
    const maint = `Bearer ${await staffToken(t.httpUrl, MAINT.id, MAINT.password)}`;
    const before = await photoUploads();
    expect(await codeOf(await upload('tk-held', maint, 'not an image', 'text/plain'))).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect(await codeOf(await upload('tk-held', maint, Buffer.from('GIF89a not really')))).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect((await upload('tk-held', maint, Buffer.alloc(0))).status).toBe(400);
    expect((await upload('tk-held', maint, Buffer.alloc(65 * 1024, 1))).status).toBe(413);
    expect(await codeOf(await upload('tk-held', maint, '{"photo":1}', 'application/json'))).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect(await photoUploads()).toBe(before);
  });

  it('from its assignee: stored, in its history and `ticket.updated` (kiosk and supervisor); staff view it', async () => {
    const kiosk = await kioskOnline(t.mqttUrl, DEMO.kiosk);
    const supervisor = await staffOnline(t.mqttUrl, DEMO.hotelSupervisor);
    try {
      const maint = await staffToken(t.httpUrl, MAINT.id, MAINT.password);
      const res = await upload('tk-held', `Bearer ${maint}`, png(77));
      expect(res.status).toBe(201);
      const { photoId, ticket } = (await res.json()) as {
        photoId: string;
        ticket: { repairPhotoIds: string[]; status: string };
      };
      expect(ticket).toMatchObject({ repairPhotoIds: [photoId], status: 'in_progress' });
      const hasPhoto = (m: { json: { type: string; body: Record<string, unknown> } }) =>
        m.json.type === 'ticket.updated' &&
        (m.json.body.ticket as { repairPhotoIds?: string[] }).repairPhotoIds?.includes(photoId) === true;
      await kiosk.waitFor(hasPhoto, 5000, 'the kiosk to hear of the repair photo');
      await supervisor.waitFor(hasPhoto, 5000, 'the supervisor to hear of the repair photo');

      const detail = (await (
        await fetch(`${t.httpUrl}/api/tickets/tk-held`, { headers: { authorization: `Bearer ${maint}` } })
      ).json()) as { events: Array<{ photoId?: string; actor: string }> };
      expect(detail.events.at(-1)).toMatchObject({ photoId, actor: `staff:${MAINT.id}` });
      const view = await fetch(`${t.httpUrl}/api/photos/${photoId}`, {
        headers: { authorization: `Bearer ${maint}` },
      });
      expect(view.status).toBe(200);
      expect(Buffer.from(await view.arrayBuffer())).toEqual(png(77));
      // The photo route stays staff-only: the kiosk is told of the photo, it does not fetch it.
      const kioskView = await fetch(`${t.httpUrl}/api/photos/${photoId}`, {
        headers: { authorization: basic(DEMO.kiosk.id, DEMO.kiosk.secret) },
      });
      expect(kioskView.status).toBe(403);
      const audit = await t.server.store.audit.list({ limit: 1000 });
      expect(audit.filter((a) => a.action === 'ticket.photo')).toMatchObject([
        { actor: `staff:${MAINT.id}`, subject: 'ticket:tk-held', detail: { photoId } },
      ]);
      // The same photo again is one entry, not two.
      expect(await codeOf(await upload('tk-held', `Bearer ${maint}`, png(77)))).toBe('CONFLICT');
    } finally {
      await kiosk.close();
      await supervisor.close();
    }
  });

  it('from a supervisor of its site, on a ticket assigned to someone else', async () => {
    const supervisor = await staffToken(t.httpUrl, DEMO.hotelSupervisor.id, DEMO.hotelSupervisor.password);
    const res = await upload('tk-other', `Bearer ${supervisor}`, png(88));
    expect(res.status).toBe(201);
    expect((await t.server.store.tickets.get('tk-other'))?.repairPhotoIds).toHaveLength(1);
  });
});
