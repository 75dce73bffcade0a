/**
 * `POST /api/photos/{id}/read`: the server reads a fault photo with the real PaddleOCR models for a
 * phone that cannot run OCR itself — only for the device that uploaded it or staff of its site.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, staffToken, startTestServer, type TestServer } from './harness.js';

const FIXTURES = new URL('../../models/ocr/fixtures/', import.meta.url);
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const HOSPITAL_2F = { id: 'kiosk-hospital-2f', secret: 'demo-kiosk-secret-3' };

describe('reading a fault photo on the server', () => {
  let t: TestServer;
  let photoId: string;
  const hospitalKiosk = basic(DEMO.hospitalKiosk.id, DEMO.hospitalKiosk.secret);

  beforeAll(async () => {
    t = await startTestServer('embedded');
    const up = await fetch(`${t.httpUrl}/api/photos`, {
      method: 'POST',
      headers: { authorization: hospitalKiosk, 'content-type': 'image/png' },
      body: readFileSync(fileURLToPath(new URL('ac-display-e4.png', FIXTURES))),
    });
    expect(up.status).toBe(201);
    photoId = ((await up.json()) as { photoId: string }).photoId;
  });
  afterAll(async () => {
    await t?.close();
  });

  const read = (id: string, authorization?: string) =>
    fetch(`${t.httpUrl}/api/photos/${id}/read`, {
      method: 'POST',
      headers: authorization ? { authorization } : {},
    });

  it('reads the code on the display and matches it against the site knowledge base', async () => {
    const res = await read(photoId, hospitalKiosk);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      lines: Array<{ text: string }>;
      faultCodes: string[];
      knownFaultCodes: Array<{ code: string; category: string; selfFix: { zh: string[] } }>;
      ms: number;
    };
    expect(body.lines.map((l) => l.text)).toContain('E4');
    expect(body.faultCodes).toEqual(['E4']);
    expect(body.knownFaultCodes.map((f) => f.code)).toEqual(['E4']);
    expect(body.knownFaultCodes[0]!.selfFix.zh.length).toBeGreaterThan(0);
    expect(body.ms).toBeGreaterThan(0);
  });

  it('lets staff of the site read it, and is audited', async () => {
    const token = await staffToken(t.httpUrl, DEMO.nurse.id, DEMO.nurse.password);
    expect((await read(photoId, `Bearer ${token}`)).status).toBe(200);
    const audit = await t.server.store.audit.list({ limit: 1000 });
    expect(audit.filter((e) => e.action === 'photo.read').map((e) => e.actor)).toEqual([
      `device:${DEMO.hospitalKiosk.id}`,
      `staff:${DEMO.nurse.id}`,
    ]);
  });

  it('refuses anyone else with a clear code', async () => {
    expect((await read(photoId)).status).toBe(401);
    const other = await read(photoId, basic(HOSPITAL_2F.id, HOSPITAL_2F.secret));
    expect(other.status).toBe(403);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    const hotel = await read(photoId, basic(DEMO.kiosk.id, DEMO.kiosk.secret));
    expect(hotel.status).toBe(403);
    const hotelStaff = await staffToken(t.httpUrl, DEMO.frontDesk.id, DEMO.frontDesk.password);
    expect((await read(photoId, `Bearer ${hotelStaff}`)).status).toBe(403);
  });

  it('answers NOT_FOUND for an unknown or malformed photo id', async () => {
    expect((await read('0'.repeat(64), hospitalKiosk)).status).toBe(404);
    expect((await read('../../etc/passwd', hospitalKiosk)).status).toBe(404);
  });
});
