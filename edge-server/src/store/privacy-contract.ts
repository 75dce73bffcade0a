/**
 * Part of the store contract (`contract.ts` runs it for every backend): what a store keeps carries no
 * unmasked ID or mobile number, whatever the caller passes. Regression: a failed login stored the
 * typed id unmasked in the audit subject (`staff:13912345678`).
 */
import { expect, it } from 'vitest';
import type { Store } from './store.js';
import { escalationFixture, ticketFixture } from './fixtures.js';

const ID = '11010519491231002X';
const MOBILE = '13912345678';
const TEXT = `身份证 ${ID}，电话 139 1234 5678，tel${MOBILE}`;

function expectNoPersonalNumbers(value: unknown): void {
  const json = JSON.stringify(value);
  expect(json).not.toContain(ID);
  expect(json).not.toContain(MOBILE);
  expect(json).not.toContain('1234 5678');
}

export function privacyContract(store: () => Store): void {
  it('masks the audit subject, actor and detail on append', async () => {
    const s = store();
    await s.audit.append({
      at: 1,
      actor: `staff:${MOBILE}`,
      action: 'staff.login_failed',
      subject: `staff:${ID}`,
      detail: { typed: TEXT, nested: [{ phone: MOBILE }] },
    });
    await s.transaction((tx) =>
      tx.audit.append({ at: 2, actor: 'system', action: 'x', subject: MOBILE, detail: {} }),
    );
    const entries = await s.audit.list();
    expectNoPersonalNumbers(entries);
    expect(entries[0]).toMatchObject({ actor: 'staff:139****5678', subject: 'staff:1101**********002X' });
    expect(entries[1]?.subject).toBe('139****5678');
  });

  it('masks free text in escalations, events, chat, conversations, tickets and stored replies', async () => {
    const s = store();
    const turn = { role: 'guest' as const, text: TEXT, at: 1 };
    await s.escalations.put(escalationFixture({ summary: TEXT, transcript: [turn], resolutionNote: TEXT }));
    await s.escalations.appendEvents([
      { escalationId: 'esc-1', kind: 'raised', at: 1, actor: 'system', data: { text: TEXT } },
    ]);
    await s.chat.append({
      id: 'm1',
      escalationId: 'esc-1',
      from: 'guest',
      staffId: null,
      name: null,
      text: TEXT,
      at: 1,
    });
    await s.transaction((tx) =>
      tx.tickets.put(ticketFixture({ description: TEXT, ocrText: TEXT, note: TEXT })),
    );
    await s.tickets.appendEvent({ ticketId: 't-1', from: null, to: 'open', at: 1, actor: 'x', note: TEXT });
    const conversation = {
      id: 'conv-1',
      site: 'grand-hotel',
      deviceId: 'kiosk-1',
      lang: 'zh' as const,
      turns: [turn],
      unansweredStreak: 0,
      startedAt: 1,
      updatedAt: 1,
    };
    await s.conversations.put(conversation);
    const reply = { type: 'x.done', body: { requestId: 'r', echo: TEXT } };
    await s.inbox.put({ source: 'k', messageId: 'r', entityId: null, at: 1, reply });
    const kept = await Promise.all([
      s.escalations.get('esc-1'),
      s.escalations.events('esc-1'),
      s.chat.list('esc-1'),
      s.tickets.get('t-1'),
      s.tickets.events('t-1'),
      s.conversations.get('conv-1'),
      s.inbox.get('k', 'r'),
    ]);
    expectNoPersonalNumbers(kept);
    expect(kept[0]?.summary).toBe('身份证 1101**********002X，电话 139 **** 5678，tel139****5678');
    expect(kept[0]?.id).toBe('esc-1');
  });
}
