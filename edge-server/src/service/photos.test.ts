/** The PhotoService on the memory store and the memory blob store: upload, access, retention. */
import { describe, expect, it } from 'vitest';
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

describe('PhotoService', () => {
  it('stores an image by its SHA-256, records and audits it, and trusts the bytes over any label', async () => {
    const { store, blobs, metrics, photos } = setup();
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
    const { blobs, clock, photos } = setup();
    const old = await photos.upload(KIOSK, PNG);
    clock.t = 5_000;
    const recent = await photos.upload(KIOSK, Buffer.concat([PNG, Buffer.from([0])]));
    expect(await photos.deleteCreatedBefore(2_000)).toBe(1);
    expect(await blobs.get(old.sha256)).toBeNull();
    await expect(photos.open(STAFF, old.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await blobs.delete(recent.sha256);
    await expect(photos.open(STAFF, recent.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
