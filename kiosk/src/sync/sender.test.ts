import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openKioskDb, type KioskDatabase } from '../storage/db.js';
import { Outbox } from './outbox.js';
import { OutboxSender, type Settled } from './sender.js';

interface Sent {
  topic: string;
  id: string;
  type: string;
  body: unknown;
  ts: number;
}

let dbName: string;
let dbCount = 0;
let db: KioskDatabase;
let sent: Sent[];
let clock: number;
let pending: number[];

let refused: Settled[];

function sender(database = db): OutboxSender {
  let n = 0;
  return new OutboxSender({
    onRefused: (settled) => refused.push(settled),
    outbox: new Outbox(database),
    deviceId: 'kiosk-1',
    publish: (topic, payload) => {
      const m = JSON.parse(payload) as Omit<Sent, 'topic'>;
      sent.push({ topic, id: m.id, type: m.type, body: m.body, ts: m.ts });
    },
    now: () => clock,
    newId: () => `m-${dbCount}-${n++}`,
    ackTimeoutMs: 10_000,
    onPending: (count) => pending.push(count),
  });
}

const ack = (ref: string, entityId: string | null = null) => ({ ref, duplicate: false, entityId });

beforeEach(async () => {
  dbName = `outbox-test-${++dbCount}`;
  db = await openKioskDb(dbName);
  sent = [];
  clock = 1_000_000;
  pending = [];
  refused = [];
});

afterEach(() => db.close());

describe('OutboxSender', () => {
  it('never publishes a request over 64 KiB: it leaves the outbox, refused with PAYLOAD_TOO_LARGE', async () => {
    const s = sender();
    await s.setOnline(true);
    const big = await s.enqueue('escalation.raise', { escalationId: 'e1', summary: '长'.repeat(23_000) });
    await s.enqueue('chat.send', { escalationId: 'e0', text: 'after it' });
    expect(sent.map((m) => m.type)).toEqual(['chat.send']);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({
      outcome: 'rejected',
      entry: { id: big, type: 'escalation.raise' },
      error: { code: 'PAYLOAD_TOO_LARGE', ref: big, messageZh: '消息或上传内容过大。' },
    });
    // Not sent again after a reconnect either.
    await s.setOnline(false);
    await s.setOnline(true);
    expect(sent.map((m) => m.type)).toEqual(['chat.send', 'chat.send']);
    expect(pending.at(-1)).toBe(1);
  });

  it('publishes requests in the order they were made, as envelopes on the device up topic', async () => {
    const s = sender();
    await s.setOnline(true);
    await s.enqueue('escalation.raise', { escalationId: 'e1' });
    await s.enqueue('chat.send', { escalationId: 'e1', text: 'hi' });
    await s.enqueue('rating.submit', { conversationId: 'c1', score: 5 });
    expect(sent.map((m) => m.type)).toEqual(['escalation.raise', 'chat.send', 'rating.submit']);
    expect(new Set(sent.map((m) => m.topic))).toEqual(new Set(['fd/v1/device/kiosk-1/up']));
    expect(sent[0]).toMatchObject({ ts: 1_000_000, body: { escalationId: 'e1' } });
  });

  it('keeps requests made offline and sends them once, in order, when the link returns', async () => {
    const s = sender();
    await s.enqueue('escalation.raise', { escalationId: 'e1' });
    await s.enqueue('chat.send', { escalationId: 'e1', text: 'hi' });
    expect(sent).toEqual([]);
    expect(pending.at(-1)).toBe(2);
    await s.setOnline(true);
    expect(sent.map((m) => m.type)).toEqual(['escalation.raise', 'chat.send']);
  });

  it('removes an entry only on the ack for its id; a duplicate ack is ignored', async () => {
    const s = sender();
    await s.setOnline(true);
    const first = await s.enqueue('escalation.raise', { escalationId: 'e1' });
    const second = await s.enqueue('chat.send', { escalationId: 'e1', text: 'hi' });
    const settled = await s.handleAck(ack(first, 'e1'));
    expect(settled).toMatchObject({ outcome: 'ack', entry: { id: first, type: 'escalation.raise' } });
    expect(await s.handleAck(ack(first))).toBeNull();
    expect((await new Outbox(db).pending()).map((e) => e.id)).toEqual([second]);
    expect(pending.at(-1)).toBe(1);
  });

  it('survives a reload: a new sender on the same database sends what was not acknowledged', async () => {
    const before = sender();
    await before.setOnline(true);
    const a = await before.enqueue('ticket.create', { ticketId: 't1' });
    const b = await before.enqueue('rating.submit', { conversationId: 'c1', score: 4 });
    await before.handleAck(ack(a));
    db.close();

    sent = [];
    db = await openKioskDb(dbName);
    const after = sender(db);
    await after.notify();
    expect(pending.at(-1)).toBe(1);
    await after.setOnline(true);
    expect(sent.map((m) => m.id)).toEqual([b]);
  });

  it('re-sends after the ack timeout and after a reconnect, with the same id and timestamp', async () => {
    const s = sender();
    await s.setOnline(true);
    const id = await s.enqueue('escalation.raise', { escalationId: 'e1' });
    clock += 5_000;
    await s.tick();
    expect(sent).toHaveLength(1);
    clock += 5_000;
    await s.tick();
    expect(sent).toHaveLength(2);
    await s.setOnline(false);
    await s.setOnline(true);
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((m) => `${m.id}@${m.ts}`))).toEqual(new Set([`${id}@1000000`]));
    const [entry] = await new Outbox(db).pending();
    expect(entry?.attempts).toBe(3);
  });

  it('drops a request on a final error and reports it; keeps it on a retryable one', async () => {
    const s = sender();
    await s.setOnline(true);
    const bad = await s.enqueue('chat.send', { escalationId: 'gone', text: 'hi' });
    const busy = await s.enqueue('rating.submit', { conversationId: 'c1', score: 3 });
    const error = (ref: string, code: 'NOT_FOUND' | 'INTERNAL') => ({
      code,
      message: 'x',
      messageZh: 'x',
      ref,
    });
    expect(await s.handleError(error(busy, 'INTERNAL'))).toBeNull();
    const settled = await s.handleError(error(bad, 'NOT_FOUND'));
    expect(settled).toMatchObject({ outcome: 'rejected', entry: { id: bad }, error: { code: 'NOT_FOUND' } });
    expect((await new Outbox(db).pending()).map((e) => e.id)).toEqual([busy]);
    expect(await s.handleError({ code: 'FORBIDDEN', message: 'x', messageZh: 'x', ref: null })).toBeNull();
  });

  it('sends nothing while offline, even on the timer', async () => {
    const s = sender();
    await s.enqueue('escalation.raise', { escalationId: 'e1' });
    clock += 60_000;
    await s.tick();
    expect(sent).toEqual([]);
  });
});
