/**
 * The one contract every Store implementation passes (the aedes-persistence way: an abstract suite
 * each backend runs). Call it from a test file with a factory that returns a fresh, empty store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminContract } from './admin-contract.js';
import { escalationFixture, ticketFixture } from './fixtures.js';
import { privacyContract } from './privacy-contract.js';
import { sessionContract } from './session-contract.js';
import type { Store } from './store.js';

export function storeContract(name: string, open: () => Store | Promise<Store>) {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });
    privacyContract(() => store);
    sessionContract(() => store);
    adminContract(() => store);

    it('keeps an escalation and returns a copy the caller cannot mutate', async () => {
      const e = escalationFixture();
      await store.escalations.put(e);
      const got = await store.escalations.get('esc-1');
      expect(got).toEqual(e);
      got!.transcript.push({ role: 'guest', text: 'x', at: 1 });
      expect((await store.escalations.get('esc-1'))!.transcript).toHaveLength(1);
      expect(await store.escalations.get('nope')).toBeNull();
    });

    it('updates an escalation in place and filters lists by site, status, assignee and device', async () => {
      await store.escalations.put(escalationFixture({ id: 'a', createdAt: 3 }));
      await store.escalations.put(escalationFixture({ id: 'b', createdAt: 1, site: 'city-hospital' }));
      await store.escalations.put(
        escalationFixture({ id: 'c', createdAt: 2, status: 'claimed', assigneeId: 's1' }),
      );
      await store.escalations.put(escalationFixture({ id: 'a', createdAt: 3, status: 'resolved' }));
      expect((await store.escalations.list()).map((e) => e.id)).toEqual(['b', 'c', 'a']);
      expect((await store.escalations.list({ site: 'grand-hotel' })).map((e) => e.id)).toEqual(['c', 'a']);
      expect((await store.escalations.list({ status: ['pending', 'claimed'] })).map((e) => e.id)).toEqual([
        'b',
        'c',
      ]);
      expect((await store.escalations.list({ status: [] })).length).toBe(0);
      expect((await store.escalations.list({ assigneeId: 's1' })).map((e) => e.id)).toEqual(['c']);
      expect((await store.escalations.list({ deviceId: 'kiosk-1', limit: 2 })).length).toBe(2);
    });

    it('appends escalation events in order', async () => {
      await store.escalations.appendEvents([
        { escalationId: 'e', kind: 'raised', at: 1, actor: 'device:k', data: { trigger: 'emergency' } },
        { escalationId: 'e', kind: 'offered', at: 1, actor: 'system', data: { to: ['a'] } },
      ]);
      await store.escalations.appendEvents([
        { escalationId: 'f', kind: 'raised', at: 2, actor: 'device:k', data: {} },
      ]);
      await store.escalations.appendEvents([
        { escalationId: 'e', kind: 'claimed', at: 3, actor: 'staff:a', data: {} },
      ]);
      expect((await store.escalations.events('e')).map((e) => e.kind)).toEqual([
        'raised',
        'offered',
        'claimed',
      ]);
      expect((await store.escalations.events('e'))[0]!.data).toEqual({ trigger: 'emergency' });
    });

    it('keeps tickets and their status history', async () => {
      await store.tickets.put(ticketFixture());
      await store.tickets.put(ticketFixture({ id: 't-2', status: 'resolved', createdAt: 2500 }));
      await store.tickets.appendEvent({
        ticketId: 't-1',
        from: null,
        to: 'open',
        at: 2000,
        actor: 'device:k',
        note: null,
      });
      await store.tickets.appendEvent({
        ticketId: 't-1',
        from: 'open',
        to: 'assigned',
        at: 2100,
        actor: 'system',
        note: 'x',
      });
      expect(await store.tickets.get('t-1')).toEqual(ticketFixture());
      expect((await store.tickets.list({ status: ['open'] })).map((t) => t.id)).toEqual(['t-1']);
      expect((await store.tickets.list({ deviceId: 'kiosk-1' })).map((t) => t.id)).toEqual(['t-1', 't-2']);
      expect((await store.tickets.events('t-1')).map((e) => [e.from, e.to, e.note])).toEqual([
        [null, 'open', null],
        ['open', 'assigned', 'x'],
      ]);
    });

    it('keeps conversations, chat (deduplicated by id), staff, presence, devices, photos, ratings', async () => {
      await store.conversations.put({
        id: 'c1',
        site: 's',
        deviceId: 'd',
        lang: 'en',
        turns: [],
        unansweredStreak: 2,
        startedAt: 1,
        updatedAt: 2,
      });
      expect((await store.conversations.get('c1'))!.unansweredStreak).toBe(2);
      const msg = {
        id: 'm1',
        escalationId: 'e',
        from: 'guest' as const,
        staffId: null,
        name: null,
        text: 'hi',
        at: 1,
      };
      await store.chat.append(msg);
      await store.chat.append(msg);
      await store.chat.append({ ...msg, id: 'm2', text: 'again' });
      expect((await store.chat.list('e')).map((m) => m.text)).toEqual(['hi', 'again']);
      const member = {
        id: 'li-na',
        site: 's',
        name: '李娜',
        role: 'staff' as const,
        skills: ['front_desk' as const],
        passwordHash: 'h',
        disabled: false,
        createdAt: 1,
      };
      await store.staff.put(member);
      await store.staff.put({ ...member, id: 'wang', site: 't' });
      expect((await store.staff.list('s')).map((m) => m.id)).toEqual(['li-na']);
      expect((await store.staff.list()).length).toBe(2);
      await store.staff.putPresence({
        staffId: 'li-na',
        online: true,
        onDuty: true,
        place: 'p',
        updatedAt: 5,
      });
      await store.staff.putPresence({
        staffId: 'li-na',
        online: false,
        onDuty: true,
        place: 'p',
        updatedAt: 6,
      });
      expect(await store.staff.getPresence('li-na')).toMatchObject({ online: false, updatedAt: 6 });
      expect(await store.staff.listPresence()).toHaveLength(1);
      const device = {
        id: 'k1',
        site: 's',
        kind: 'kiosk' as const,
        name: 'Lobby',
        place: null,
        secretHash: 'h',
        expiresAt: null,
        revoked: false,
        createdAt: 1,
      };
      await store.devices.put(device);
      expect(await store.devices.get('k1')).toEqual(device);
      expect(await store.devices.list('other')).toEqual([]);
      await store.photos.put({
        id: 'p',
        site: 's',
        deviceId: 'k1',
        sha256: 'ab',
        mime: 'image/png',
        bytes: 3,
        createdAt: 1,
      });
      expect((await store.photos.get('p'))!.sha256).toBe('ab');
      await store.ratings.put({
        id: 'r',
        site: 's',
        deviceId: 'k1',
        conversationId: 'c',
        escalationId: null,
        ticketId: null,
        score: 5,
        at: 1,
      });
      await store.ratings.put({
        id: 'r',
        site: 's',
        deviceId: 'k1',
        conversationId: 'c',
        escalationId: null,
        ticketId: null,
        score: 1,
        at: 2,
      });
      expect((await store.ratings.list('s')).map((r) => r.score)).toEqual([5]);
    });

    it('counts the records that share an image, and the stored bytes once per image', async () => {
      const photo = (id: string, deviceId: string, sha256: string, bytes: number) =>
        store.photos.put({ id, site: 's', deviceId, sha256, mime: 'image/png', bytes, createdAt: 1 });
      expect(await store.photos.storedBytes()).toBe(0);
      await photo('a-k1', 'k1', 'aaa', 100);
      await photo('a-k2', 'k2', 'aaa', 100);
      await photo('b-k1', 'k1', 'bbb', 7);
      expect(await store.photos.countBySha256('aaa')).toBe(2);
      expect(await store.photos.countBySha256('ccc')).toBe(0);
      expect(await store.photos.storedBytes()).toBe(107);
      await store.photos.delete('a-k1');
      expect(await store.photos.countBySha256('aaa')).toBe(1);
      expect(await store.photos.storedBytes()).toBe(107);
      await store.photos.delete('a-k2');
      expect(await store.photos.storedBytes()).toBe(7);
    });

    it('finds and deletes what is past its retention', async () => {
      for (const [id, createdAt] of [
        ['old', 10],
        ['new', 50],
        ['older', 5],
      ] as const) {
        await store.photos.put({
          id,
          site: 's',
          deviceId: 'k',
          sha256: id,
          mime: 'image/jpeg',
          bytes: 1,
          createdAt,
        });
      }
      expect((await store.photos.listCreatedBefore(20)).map((p) => p.id)).toEqual(['older', 'old']);
      expect((await store.photos.listCreatedBefore(20, 1)).map((p) => p.id)).toEqual(['older']);
      await store.photos.delete('older');
      expect(await store.photos.get('older')).toBeNull();
      const conv = {
        site: 's',
        deviceId: 'd',
        lang: 'en' as const,
        turns: [],
        unansweredStreak: 0,
        startedAt: 0,
      };
      await store.conversations.put({ ...conv, id: 'c-old', updatedAt: 10 });
      await store.conversations.put({ ...conv, id: 'c-new', updatedAt: 50 });
      expect(await store.conversations.deleteUpdatedBefore(20)).toBe(1);
      expect(await store.conversations.get('c-old')).toBeNull();
      expect(await store.conversations.get('c-new')).not.toBeNull();
    });

    it('keeps handovers by code hash; lists only those attached to a phone', async () => {
      const h = {
        codeHash: 'aa',
        site: 's',
        deviceId: 'kiosk-1',
        conversationId: 'c1',
        escalationId: 'e1',
        ticketId: null,
        createdAt: 1,
        expiresAt: 100,
        phoneDeviceId: null,
      };
      await store.handovers.put(h);
      await store.handovers.put({ ...h, codeHash: 'bb', escalationId: null, ticketId: 't1' });
      expect(await store.handovers.get('aa')).toEqual(h);
      expect(await store.handovers.get('zz')).toBeNull();
      expect(await store.handovers.listAttached({ escalationId: 'e1' })).toEqual([]);
      await store.handovers.put({ ...h, phoneDeviceId: 'phone-1' });
      expect((await store.handovers.get('aa'))!.phoneDeviceId).toBe('phone-1');
      expect((await store.handovers.listAttached({ escalationId: 'e1' })).map((x) => x.codeHash)).toEqual([
        'aa',
      ]);
      expect(await store.handovers.listAttached({ ticketId: 't1' })).toEqual([]);
      expect((await store.handovers.listAttached({ phoneDeviceId: 'phone-1' })).length).toBe(1);
      expect(await store.handovers.listAttached({ phoneDeviceId: 'phone-2' })).toEqual([]);
    });

    it('deletes expired handovers: unattached ones at their expiry, attached ones at the later cutoff', async () => {
      const h = {
        site: 's',
        deviceId: 'kiosk-1',
        conversationId: 'c1',
        escalationId: null,
        ticketId: null,
        createdAt: 1,
        phoneDeviceId: null,
      };
      await store.handovers.put({ ...h, codeHash: 'free-expired', expiresAt: 100 });
      await store.handovers.put({ ...h, codeHash: 'free-at-cutoff', expiresAt: 200 });
      await store.handovers.put({ ...h, codeHash: 'free-live', expiresAt: 201 });
      await store.handovers.put({ ...h, codeHash: 'taken-old', expiresAt: 50, phoneDeviceId: 'p1' });
      await store.handovers.put({ ...h, codeHash: 'taken-recent', expiresAt: 150, phoneDeviceId: 'p2' });

      expect(await store.handovers.deleteExpired({ unattached: 200, attached: 100 })).toBe(3);
      const left = await Promise.all(
        ['free-expired', 'free-at-cutoff', 'free-live', 'taken-old', 'taken-recent'].map(
          async (c) => [c, (await store.handovers.get(c)) !== null] as const,
        ),
      );
      expect(Object.fromEntries(left)).toEqual({
        'free-expired': false,
        'free-at-cutoff': false,
        'free-live': true,
        'taken-old': false,
        'taken-recent': true,
      });
      expect(await store.handovers.deleteExpired({ unattached: 200, attached: 100 })).toBe(0);
    });

    it('keeps one knowledge base per site', async () => {
      const kb = {
        site: 'grand-hotel',
        kind: 'hotel' as const,
        name: { zh: '酒店', en: 'Hotel' },
        version: 1,
        updatedAt: 1,
        faq: [],
        floors: [],
        places: [],
        edges: [],
        faultCodes: [],
        routing: [],
      };
      await store.knowledgeBases.put(kb);
      await store.knowledgeBases.put({ ...kb, version: 2 });
      expect((await store.knowledgeBases.get('grand-hotel'))!.version).toBe(2);
      expect(await store.knowledgeBases.sites()).toEqual(['grand-hotel']);
    });

    it('remembers processed messages once and prunes old ones', async () => {
      await store.inbox.put({ source: 'k1', messageId: 'm1', entityId: 'e1', at: 10 });
      await store.inbox.put({ source: 'k1', messageId: 'm1', entityId: 'other', at: 11 });
      await store.inbox.put({ source: 'k2', messageId: 'm1', entityId: null, at: 20 });
      expect(await store.inbox.get('k1', 'm1')).toEqual({
        source: 'k1',
        messageId: 'm1',
        entityId: 'e1',
        at: 10,
      });
      expect(await store.inbox.get('k3', 'm1')).toBeNull();
      expect(await store.inbox.prune(15)).toBe(1);
      expect(await store.inbox.get('k1', 'm1')).toBeNull();
      expect(await store.inbox.get('k2', 'm1')).not.toBeNull();
    });

    it('keeps the reply of a processed request with its record', async () => {
      const reply = { type: 'checkin.completed', body: { requestId: 'r1', room: { number: '801' } } };
      await store.inbox.put({ source: 'k1', messageId: 'r1', entityId: 'bk-1', at: 10, reply });
      expect((await store.inbox.get('k1', 'r1'))?.reply).toEqual(reply);
    });

    it('numbers audit entries in order and pages through them', async () => {
      const a = await store.audit.append({
        at: 1,
        actor: 'staff:a',
        action: 'claim',
        subject: 'esc:1',
        detail: { x: 1 },
      });
      const b = await store.audit.append({
        at: 2,
        actor: 'system',
        action: 're_escalate',
        subject: 'esc:1',
        detail: {},
      });
      expect(b).toBeGreaterThan(a);
      expect((await store.audit.list()).map((e) => e.action)).toEqual(['claim', 're_escalate']);
      expect((await store.audit.list({ afterSeq: a })).map((e) => e.seq)).toEqual([b]);
      expect((await store.audit.list({ limit: 1 }))[0]!.detail).toEqual({ x: 1 });
    });

    it("lists one site's audit entries when asked; an entry without a site is server-level", async () => {
      const entry = { at: 1, actor: 'system', action: 'x', subject: 's', detail: {} };
      const hotel = await store.audit.append({ ...entry, site: 'hotel' });
      await store.audit.append({ ...entry, site: 'hospital' });
      const server = await store.audit.append(entry);
      const hotel2 = await store.audit.append({ ...entry, site: 'hotel' });
      expect((await store.audit.list({ site: 'hotel' })).map((e) => e.seq)).toEqual([hotel, hotel2]);
      expect(
        (await store.audit.list({ site: 'hotel', afterSeq: hotel, limit: 5 })).map((e) => e.seq),
      ).toEqual([hotel2]);
      expect((await store.audit.list()).find((e) => e.seq === server)?.site).toBeNull();
    });

    it('deletes failed sign-ins older than the cutoff and nothing else, never reusing a number', async () => {
      const DAY = 24 * 60 * 60 * 1000;
      const at = (days: number) => 1_000 * DAY - days * DAY;
      const append = (action: string, days: number) =>
        store.audit.append({ at: at(days), actor: 'system', action, subject: 'principal:x', detail: {} });
      await append('auth.locked', 40);
      await append('staff.login_failed', 35);
      await append('staff.login', 50);
      await append('device.revoke', 60);
      await append('auth.locked', 10);
      const last = await append('staff.login_failed', 5);
      expect(await store.audit.deleteAuthFailuresBefore(at(30))).toBe(2);
      expect((await store.audit.list()).map((e) => [e.action, e.at])).toEqual([
        ['staff.login', at(50)],
        ['device.revoke', at(60)],
        ['auth.locked', at(10)],
        ['staff.login_failed', at(5)],
      ]);
      expect(await store.audit.deleteAuthFailuresBefore(at(30))).toBe(0);
      expect(await append('kb.publish', 0)).toBeGreaterThan(last);
    });

    it('commits a transaction as a whole', async () => {
      const id = await store.transaction(async (tx) => {
        await tx.escalations.put(escalationFixture());
        await tx.inbox.put({ source: 'k', messageId: 'm', entityId: 'esc-1', at: 1 });
        return 'esc-1';
      });
      expect(id).toBe('esc-1');
      expect(await store.escalations.get('esc-1')).not.toBeNull();
      expect(await store.inbox.get('k', 'm')).not.toBeNull();
    });

    it('rolls a failed transaction back whole: nothing is half-written', async () => {
      await store.tickets.put(ticketFixture());
      await expect(
        store.transaction(async (tx) => {
          await tx.escalations.put(escalationFixture());
          await tx.tickets.put(ticketFixture({ status: 'resolved' }));
          await tx.audit.append({ at: 1, actor: 'x', action: 'y', subject: 'z', detail: {} });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.escalations.get('esc-1')).toBeNull();
      expect((await store.tickets.get('t-1'))!.status).toBe('open');
      expect(await store.audit.list()).toEqual([]);
    });

    it('runs transactions one at a time and keeps outside writes out of them', async () => {
      const order: string[] = [];
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const first = store.transaction(async (tx) => {
        order.push('t1 start');
        await tx.escalations.put(escalationFixture({ id: 'x' }));
        await gate;
        order.push('t1 end');
        throw new Error('rollback t1');
      });
      const outside = store.escalations.put(escalationFixture({ id: 'y' })).then(() => order.push('outside'));
      const second = store.transaction(async () => {
        order.push('t2');
      });
      release();
      await expect(first).rejects.toThrow('rollback t1');
      await Promise.all([outside, second]);
      expect(order).toEqual(['t1 start', 't1 end', 'outside', 't2']);
      expect(await store.escalations.get('x')).toBeNull();
      expect(await store.escalations.get('y')).not.toBeNull();
    });
  });
}
