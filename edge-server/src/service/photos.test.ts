/** The PhotoService on the memory store and the memory blob store: upload, access, retention. */
import { describe, expect, it } from 'vitest';
import { DeviceUploadLimiter } from '../auth/limiter.js';
import { PHOTO_UPLOAD_QUOTAS } from '../domain/index.js';
import { Metrics } from '../metrics.js';
import { MemoryBlobStore } from '../store/blob-store.js';
import { createMemoryStore } from '../store/memory-store.js';
import { PhotoService } from './photos.js';

// The smallest files `file-type` recognises by their magic numbers.
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
const KIOSK = { kind: 'device' as const, id: 'kiosk-1', site: 'grand-hotel' };
const STAFF = { kind: 'staff' as const, id: 'li-na', site: 'grand-hotel', role: 'staff' as const };

function setup() {
  const store = createMemoryStore();
  const blobs = new MemoryBlobStore();
  const clock = { t: 1_000 };
  const metrics = new Metrics();
  const photos = new PhotoService({ store, blobs, clock: { now: () => clock.t }, metrics });
  return { store, blobs, clock, metrics, photos };
}

/** Uploads come from registered devices only (the HTTP layer signs them in). */
async function register(store: ReturnType<typeof createMemoryStore>, id: string, kind: 'kiosk' | 'phone') {
  await store.devices.put({
    id,
    site: 'grand-hotel',
    kind,
    name: id,
    place: null,
    secretHash: '',
    expiresAt: null,
    revoked: false,
    createdAt: 0,
  });
}

describe('PhotoService', () => {
  it('stores an image by its SHA-256, records and audits it, and trusts the bytes over any label', async () => {
    const { store, blobs, metrics, photos } = setup();
    await register(store, KIOSK.id, 'kiosk');
    const photo = await photos.upload(KIOSK, PNG);
    expect(photo).toMatchObject({
      site: 'grand-hotel',
      deviceId: 'kiosk-1',
      mime: 'image/png',
      bytes: PNG.length,
    });
    expect(photo.id).toMatch(/^[0-9a-f]{64}$/);
    expect(await blobs.get(photo.sha256)).toEqual(PNG);
    expect(await store.photos.get(photo.id)).toEqual(photo);
    expect((await store.audit.list()).map((a) => a.action)).toEqual(['photo.upload']);
    expect(metrics.photosStored).toBe(1);
    await expect(photos.upload(KIOSK, Buffer.from('not an image'))).rejects.toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
    await expect(photos.upload(KIOSK, Buffer.alloc(0))).rejects.toMatchObject({ code: 'INVALID_MESSAGE' });
  });

  it('lets staff of the site and the uploading device read a photo, and nobody else', async () => {
    const { store, photos } = setup();
    await register(store, KIOSK.id, 'kiosk');
    const { id } = await photos.upload(KIOSK, PNG);
    expect((await photos.view(STAFF, id)).bytes).toEqual(PNG);
    expect((await store.audit.list()).map((a) => a.action)).toEqual(['photo.upload', 'photo.view']);
    expect((await photos.open(KIOSK, id)).photo.id).toBe(id);
    await expect(photos.open({ ...KIOSK, id: 'kiosk-2' }, id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(photos.open({ ...STAFF, site: 'city-hospital' }, id)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(photos.open(STAFF, '0'.repeat(64))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(photos.open(STAFF, '../secrets.json')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('deletes bytes and records past a cutoff; a record whose bytes are gone is not found', async () => {
    const { store, blobs, clock, photos } = setup();
    await register(store, KIOSK.id, 'kiosk');
    const old = await photos.upload(KIOSK, PNG);
    clock.t = 5_000;
    const recent = await photos.upload(KIOSK, Buffer.concat([PNG, Buffer.from([0])]));
    expect(await photos.deleteCreatedBefore(2_000)).toBe(1);
    expect(await blobs.get(old.sha256)).toBeNull();
    await expect(photos.open(STAFF, old.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await blobs.delete(recent.sha256);
    await expect(photos.open(STAFF, recent.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  // Regression (issue 10): identical bytes from a second device got 201 but stayed the first's.
  it("gives each device's upload its own record over one shared file, deleted with the last record", async () => {
    const { store, blobs, clock, photos } = setup();
    await register(store, KIOSK.id, 'kiosk');
    await register(store, 'kiosk-2', 'kiosk');
    const first = await photos.upload(KIOSK, PNG);
    clock.t = 9_000;
    const second = await photos.upload({ ...KIOSK, id: 'kiosk-2' }, PNG);
    expect(second.id).not.toBe(first.id);
    expect(second).toMatchObject({ deviceId: 'kiosk-2', sha256: first.sha256 });
    expect((await photos.open({ ...KIOSK, id: 'kiosk-2' }, second.id)).bytes).toEqual(PNG);
    expect((await photos.upload(KIOSK, PNG)).id).toBe(first.id);
    expect(await photos.deleteCreatedBefore(5_000)).toBe(1);
    expect(await blobs.get(first.sha256)).toEqual(PNG);
    expect(await photos.deleteCreatedBefore(10_000)).toBe(1);
    expect(await blobs.get(first.sha256)).toBeNull();
  });

  it('refuses bytes that only start like an image: the header must decode', async () => {
    const { store, photos } = setup();
    await register(store, KIOSK.id, 'kiosk');
    const signatureThenNoise = Buffer.concat([PNG.subarray(0, 8), Buffer.alloc(4096, 0x41)]);
    const huge = Buffer.from(PNG);
    huge.writeUInt32BE(100_000, 16);
    for (const bytes of [signatureThenNoise, huge, Buffer.from('ffd8ffe000104a46494600', 'hex')])
      await expect(photos.upload(KIOSK, bytes)).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('holds a phone to its hourly quota of photos and bytes, a kiosk to a larger one', async () => {
    const { store, blobs, clock } = setup();
    await register(store, 'phone-1', 'phone');
    await register(store, KIOSK.id, 'kiosk');
    const photos = new PhotoService({
      store,
      blobs,
      clock: { now: () => clock.t },
      metrics: new Metrics(),
      limiter: new DeviceUploadLimiter(),
    });
    const phone = { id: 'phone-1', site: 'grand-hotel' };
    const variant = (i: number) => Buffer.concat([PNG, Buffer.from(String(i))]);
    for (let i = 0; i < PHOTO_UPLOAD_QUOTAS.phone.photos; i++) await photos.upload(phone, variant(i));
    await expect(photos.upload(phone, variant(99))).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      details: { retryAfterMs: expect.any(Number) },
    });
    for (let i = 0; i < PHOTO_UPLOAD_QUOTAS.phone.photos + 1; i++) await photos.upload(KIOSK, variant(i));
    clock.t += 60 * 60 * 1000;
    await photos.upload(phone, variant(100));
    // Bytes: four 7 MB photos fit in a phone's 30 MB an hour, the fifth does not.
    await register(store, 'phone-2', 'phone');
    const big = (i: number) => Buffer.concat([PNG, Buffer.alloc(7 * 1024 * 1024, i)]);
    const phone2 = { id: 'phone-2', site: 'grand-hotel' };
    for (let i = 0; i < 4; i++) await photos.upload(phone2, big(i));
    await expect(photos.upload(phone2, big(4))).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('refuses a new image once the disk budget is spent; the same image again takes no room', async () => {
    const { store, blobs, clock } = setup();
    await register(store, KIOSK.id, 'kiosk');
    await register(store, 'kiosk-2', 'kiosk');
    const photos = new PhotoService({
      store,
      blobs,
      clock: { now: () => clock.t },
      metrics: new Metrics(),
      diskBudgetBytes: 3 * PNG.length,
    });
    const variant = (i: number) => Buffer.concat([PNG, Buffer.alloc(PNG.length - 1, i)]);
    const a = await photos.upload(KIOSK, variant(1));
    await expect(photos.upload(KIOSK, variant(2))).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect((await photos.upload({ ...KIOSK, id: 'kiosk-2' }, variant(1))).sha256).toBe(a.sha256);
    clock.t = 2_000;
    expect(await photos.deleteCreatedBefore(2_000)).toBe(2);
    await photos.upload(KIOSK, variant(2));
  });
});
