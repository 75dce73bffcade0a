import { describe, expect, it } from 'vitest';
import type { DownMessage } from '@frontdesk/protocol';
import { RequestClient, RequestFailure } from './requests.js';

function harness(online = true) {
  const sent: Array<{ topic: string; payload: { id: string; type: string; body: Record<string, unknown> } }> =
    [];
  const timers: Array<{ fn: () => void; cancelled: boolean }> = [];
  let n = 0;
  const state = { online };
  const client = new RequestClient({
    deviceId: 'kiosk-1',
    publish: (topic, payload) => sent.push({ topic, payload: JSON.parse(payload) as never }),
    online: () => state.online,
    newId: () => `id-${n++}`,
    now: () => 1000,
    setTimer: (fn) => {
      const t = { fn, cancelled: false };
      timers.push(t);
      return () => (t.cancelled = true);
    },
    timeoutMs: 5000,
  });
  const fireTimers = () => {
    for (const t of timers.splice(0)) if (!t.cancelled) t.fn();
  };
  return { client, sent, fireTimers, state };
}

const found = (requestId: string): DownMessage => ({
  v: 1,
  id: 's1',
  from: 'edge-server',
  ts: 1,
  type: 'booking.found',
  body: { requestId, booking: null, problem: null },
});
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('RequestClient', () => {
  it('publishes on the device up topic with requestId = envelope id and resolves with the matching reply', async () => {
    const h = harness();
    const p = h.client.request('booking.find', {
      purpose: 'checkin',
      by: { method: 'qr', payload: 'FDBOOK1:x' },
    });
    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]?.topic).toBe('fd/v1/device/kiosk-1/up');
    expect(h.sent[0]?.payload).toMatchObject({
      id: 'id-0',
      type: 'booking.find',
      body: { requestId: 'id-0' },
    });
    expect(h.client.received(found('other'))).toBe(false);
    expect(h.client.received(found('id-0'))).toBe(true);
    await expect(p).resolves.toEqual({ requestId: 'id-0', booking: null, problem: null });
  });

  it('fails at once when offline, without queueing anything', async () => {
    const h = harness(false);
    await expect(h.client.request('appointment.checkin', { appointmentId: 'a' })).rejects.toEqual(
      new RequestFailure('offline'),
    );
    expect(h.sent).toEqual([]);
  });

  it('re-sends the same envelope after a timeout, then gives up', async () => {
    const h = harness();
    const p = h.client.request(
      'checkin.complete',
      { bookingId: 'b', guest: { name: 'x', document: 'other', number: 'AB12345' } },
      { attempts: 2 },
    );
    h.fireTimers();
    await flush();
    expect(h.sent.map((s) => s.payload.id)).toEqual(['id-0', 'id-0']);
    h.fireTimers();
    await expect(p).rejects.toMatchObject({ reason: 'timeout' });
  });

  it('stops retrying when the link drops, and a server error for the id rejects it', async () => {
    const h = harness();
    const p = h.client.request('appointment.checkin', { appointmentId: 'a' }, { attempts: 3 });
    h.state.online = false;
    h.fireTimers();
    await expect(p).rejects.toMatchObject({ reason: 'offline' });
    h.state.online = true;
    const q = h.client.request('appointment.checkin', { appointmentId: 'a' });
    h.client.received({
      v: 1,
      id: 'e',
      from: 'edge-server',
      ts: 1,
      type: 'error',
      body: { code: 'INVALID_MESSAGE', message: 'x', messageZh: 'x', ref: 'id-1' },
    });
    await expect(q).rejects.toMatchObject({ reason: 'rejected' });
  });

  it('abandons waiting requests: a late reply is ignored', async () => {
    const h = harness();
    const p = h.client.request('booking.find', { purpose: 'checkout', by: { method: 'qr', payload: 'q' } });
    h.client.abandonAll();
    await expect(p).rejects.toBeInstanceOf(RequestFailure);
    expect(h.client.received(found('id-0'))).toBe(false);
  });
});
