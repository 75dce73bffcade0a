import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openKioskDb, type KioskDatabase } from '../storage/db.js';
import { Outbox } from './outbox.js';
import { HttpPhotoUploader, PhotoStore, PhotoUploadError, type PhotoUploader } from './photos.js';
import { OutboxSender } from './sender.js';

/** A fake edge server's photo endpoint: names photos by content, can be down, counts uploads. */
class FakeUploader implements PhotoUploader {
  down = false;
  reject = false;
  readonly stored = new Map<string, number>();
  uploads = 0;
  async upload(photo: Blob) {
    this.uploads++;
    if (this.down) throw new PhotoUploadError('retry', 'server unreachable');
    if (this.reject) throw new PhotoUploadError('reject', 'not an image');
    const text = await photo.text();
    const id = `sha-${text}`;
    this.stored.set(id, (this.stored.get(id) ?? 0) + 1);
    return { photoId: id };
  }
}

let db: KioskDatabase;
let n = 0;
let sent: Array<{ id: string; type: string; body: { photoIds?: string[] } }>;
let uploader: FakeUploader;

function sender(database = db): OutboxSender {
  let ids = 0;
  return new OutboxSender({
    outbox: new Outbox(database),
    deviceId: 'kiosk-1',
    publish: (_topic, payload) => sent.push(JSON.parse(payload) as (typeof sent)[number]),
    now: () => 1000,
    newId: () => `m-${n}-${ids++}`,
    ackTimeoutMs: 10_000,
    photos: { store: new PhotoStore(database), uploader },
  });
}

const jpeg = (content: string) => new Blob([content], { type: 'image/jpeg' });

beforeEach(async () => {
  db = await openKioskDb(`photos-test-${++n}`);
  sent = [];
  uploader = new FakeUploader();
});
afterEach(() => db.close());

describe('photos in the outbox', () => {
  it('uploads the photo first, then publishes the ticket with its id, then deletes the photo', async () => {
    const photos = new PhotoStore(db);
    await photos.put('p1', jpeg('tap'), 1);
    const s = sender();
    await s.setOnline(true);
    await s.enqueue('ticket.create', { ticketId: 't1', photoIds: [] }, { photos: ['p1'] });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body.photoIds).toEqual(['sha-tap']);
    expect(await photos.keys()).toEqual([]);
    expect(uploader.stored.get('sha-tap')).toBe(1);
  });

  it('offline: nothing is uploaded or published; a reload keeps photo and request; later both go once, in order', async () => {
    const photos = new PhotoStore(db);
    await photos.put('p1', jpeg('kettle'), 1);
    const first = sender();
    await first.enqueue('conversation.turn', { conversationId: 'c1' });
    await first.enqueue('ticket.create', { ticketId: 't1' }, { photos: ['p1'] });
    await first.enqueue('rating.submit', { conversationId: 'c1', score: 5 });
    expect(uploader.uploads).toBe(0);
    expect(sent).toEqual([]);

    // Power cut: a new database connection, a new sender.
    db.close();
    db = await openKioskDb(`photos-test-${n}`);
    expect(await new PhotoStore(db).keys()).toEqual(['p1']);
    const second = sender(db);
    await second.setOnline(true);
    expect(sent.map((m) => m.type)).toEqual(['conversation.turn', 'ticket.create', 'rating.submit']);
    expect(sent[1]?.body.photoIds).toEqual(['sha-kettle']);
    expect(await new PhotoStore(db).keys()).toEqual([]);
  });

  it('a failed upload holds the ticket and everything after it; the retry uploads once more (deduplicated by the server)', async () => {
    const photos = new PhotoStore(db);
    await photos.put('p1', jpeg('tv'), 1);
    uploader.down = true;
    const s = sender();
    await s.setOnline(true);
    await s.enqueue('ticket.create', { ticketId: 't1' }, { photos: ['p1'] });
    await s.enqueue('rating.submit', { conversationId: 'c1', score: 4 });
    expect(sent).toEqual([]);
    expect(await photos.keys()).toEqual(['p1']);
    uploader.down = false;
    await s.tick();
    expect(sent.map((m) => m.type)).toEqual(['ticket.create', 'rating.submit']);
    expect(sent[0]?.body.photoIds).toEqual(['sha-tv']);
    // A resend after the ack timeout does not upload again: the id is in the entry now.
    const uploads = uploader.uploads;
    await s.setOnline(true);
    expect(uploader.uploads).toBe(uploads);
    expect(
      sent.filter((m) => m.type === 'ticket.create').every((m) => m.body.photoIds?.[0] === 'sha-tv'),
    ).toBe(true);
  });

  it('a photo the server refuses is let go: the ticket still goes, without it', async () => {
    const photos = new PhotoStore(db);
    await photos.put('p1', jpeg('not a jpeg'), 1);
    uploader.reject = true;
    const s = sender();
    await s.setOnline(true);
    await s.enqueue('ticket.create', { ticketId: 't1', photoIds: [] }, { photos: ['p1'] });
    expect(sent[0]?.body.photoIds).toEqual([]);
    expect(await photos.keys()).toEqual([]);
  });
});

describe('HttpPhotoUploader', () => {
  const call = (status: number, body: unknown = {}) => {
    const calls: Array<{ url: string; init: RequestInit }> = [];
    const f = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(JSON.stringify(body), { status });
    }) as unknown as typeof fetch;
    return {
      calls,
      up: new HttpPhotoUploader({ baseUrl: 'http://edge', deviceId: 'k1', secret: 's3', fetch: f }),
    };
  };

  it('posts the JPEG with the device credentials and returns the server id', async () => {
    const { calls, up } = call(201, { photoId: 'abc' });
    expect(await up.upload(jpeg('x'))).toEqual({ photoId: 'abc' });
    expect(calls[0]?.url).toBe('http://edge/api/photos');
    const headers = calls[0]?.init.headers as Record<string, string>;
    expect(headers.authorization).toBe(`Basic ${btoa('k1:s3')}`);
    expect(headers['content-type']).toBe('image/jpeg');
  });

  it('415 is final, 500 and a network failure are retried', async () => {
    await expect(call(415).up.upload(jpeg('x'))).rejects.toMatchObject({ kind: 'reject' });
    await expect(call(500).up.upload(jpeg('x'))).rejects.toMatchObject({ kind: 'retry' });
    const broken = new HttpPhotoUploader({
      baseUrl: 'http://edge',
      deviceId: 'k1',
      secret: 's',
      fetch: (() => Promise.reject(new TypeError('offline'))) as unknown as typeof fetch,
    });
    await expect(broken.upload(jpeg('x'))).rejects.toMatchObject({ kind: 'retry' });
  });
});
