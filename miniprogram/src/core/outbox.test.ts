import { describe, expect, it } from 'vitest';
import { Outbox, OutboxSender, type KeyValueStorage } from './outbox.js';

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, get: (k) => data.get(k) ?? null, set: (k, v) => void data.set(k, v) };
}

function setup(storage = memoryStorage()) {
  const published: Array<{ topic: string; json: { id: string; type: string; from: string } }> = [];
  let clock = 1000;
  let seq = 0;
  const sender = new OutboxSender({
    outbox: new Outbox(storage),
    deviceId: () => 'phone-abc',
    publish: (topic, payload) => published.push({ topic, json: JSON.parse(payload) }),
    now: () => clock,
    newId: () => `m-${++seq}`,
    ackTimeoutMs: 5000,
  });
  return { sender, published, storage, advance: (ms: number) => (clock += ms) };
}

const chat = { escalationId: 'esc-1', text: 'Are you coming?' };

describe('the phone outbox', () => {
  it('keeps a request typed offline and sends it with the same envelope id when the link is back', () => {
    const { sender, published, storage } = setup();
    const id = sender.enqueue('chat.send', chat);
    expect(published).toEqual([]);
    expect(sender.pendingCount()).toBe(1);

    // WeChat closes the app: a new sender over the same storage still has it.
    const again = setup(storage);
    again.sender.setOnline(true);
    expect(again.published).toHaveLength(1);
    expect(again.published[0]).toMatchObject({
      topic: 'fd/v1/device/phone-abc/up',
      json: { id, type: 'chat.send', from: 'phone-abc' },
    });
  });

  it('re-sends an unacknowledged request with the same id after the ack timeout, until the ack', () => {
    const { sender, published, advance } = setup();
    sender.setOnline(true);
    const id = sender.enqueue('chat.send', chat);
    sender.tick();
    expect(published).toHaveLength(1);
    advance(5000);
    sender.tick();
    expect(published.map((p) => p.json.id)).toEqual([id, id]);
    expect(sender.handleAck({ ref: id, duplicate: true, entityId: null })?.outcome).toBe('ack');
    expect(sender.handleAck({ ref: id, duplicate: true, entityId: null })).toBeNull();
    advance(5000);
    sender.tick();
    expect(published).toHaveLength(2);
  });

  it('drops a request on a final error and keeps it on a retryable one', () => {
    const { sender } = setup();
    const a = sender.enqueue('chat.send', chat);
    const error = (ref: string, code: 'RATE_LIMITED' | 'NOT_FOUND') => ({
      code,
      message: 'm',
      messageZh: 'm',
      ref,
    });
    expect(sender.handleError(error(a, 'RATE_LIMITED'))).toBeNull();
    expect(sender.pendingCount()).toBe(1);
    expect(sender.handleError(error(a, 'NOT_FOUND'))?.outcome).toBe('rejected');
    expect(sender.pendingCount()).toBe(0);
  });

  it('refuses a request the protocol would refuse, before it is stored', () => {
    const { sender } = setup();
    expect(() => sender.enqueue('chat.send', { escalationId: 'esc 1', text: '' })).toThrow(
      /invalid chat.send/,
    );
    expect(sender.pendingCount()).toBe(0);
  });

  it('reads a damaged store as empty rather than failing', () => {
    const storage = memoryStorage();
    storage.set('frontdesk.outbox', '{not json');
    expect(new Outbox(storage).all()).toEqual([]);
  });
});
