import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Drafts, openConsoleDb } from '../storage/db.js';
import { dueForSend, Outbox } from './outbox.js';

let n = 0;
const freshDb = () => openConsoleDb(`console-test-${n++}`);

describe('outbox', () => {
  it('keeps actions in order until acknowledged, per member of staff', async () => {
    const outbox = new Outbox(await freshDb());
    await outbox.add({
      id: 'a',
      staffId: 'li-na',
      type: 'escalation.claim',
      body: { escalationId: 'e' },
      ts: 1,
    });
    await outbox.add({
      id: 'b',
      staffId: 'li-na',
      type: 'chat.send',
      body: { escalationId: 'e', text: 'x' },
      ts: 2,
    });
    await outbox.add({ id: 'c', staffId: 'wang-wei', type: 'presence.set', body: { onDuty: true }, ts: 3 });
    expect((await outbox.pending('li-na')).map((e) => e.id)).toEqual(['a', 'b']);
    expect((await outbox.remove('a'))?.type).toBe('escalation.claim');
    expect(await outbox.remove('a')).toBeNull();
    expect((await outbox.pending('li-na')).map((e) => e.id)).toEqual(['b']);
  });

  it('resends what has waited past the ack timeout, everything after a reconnect', async () => {
    const outbox = new Outbox(await freshDb());
    await outbox.add({ id: 'a', staffId: 's', type: 'presence.set', body: {}, ts: 1 });
    await outbox.add({ id: 'b', staffId: 's', type: 'presence.set', body: {}, ts: 1 });
    await outbox.markSent('a', 1000);
    const entries = await outbox.pending('s');
    expect(entries.find((e) => e.id === 'a')).toMatchObject({ attempts: 1, lastSentAt: 1000 });
    expect(dueForSend(entries, 5000, 10_000).map((e) => e.id)).toEqual(['b']);
    expect(dueForSend(entries, 11_000, 10_000).map((e) => e.id)).toEqual(['a', 'b']);
    expect(dueForSend(entries, 5000, 10_000, true).map((e) => e.id)).toEqual(['a', 'b']);
  });

  it('a draft survives until it is sent (emptied)', async () => {
    const db = await freshDb();
    await new Drafts(db).set('esc-1', '我马上');
    expect(await new Drafts(db).get('esc-1')).toBe('我马上');
    await new Drafts(db).set('esc-1', '');
    expect(await new Drafts(db).get('esc-1')).toBe('');
  });
});
