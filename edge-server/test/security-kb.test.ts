/**
 * Issue 13: knowledge-base versions, revert and the audit trail's filters, attacked as an anonymous
 * caller, staff and supervisors writing, another site's administrator, a device, hostile bodies and
 * wrong query types. Every refusal leaves the knowledge base, its versions and the kiosks untouched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, kioskOnline, staffToken, startTestServer, type TestServer } from './harness.js';
import { basic } from './http-fixtures.js';

const HOSPITAL_ADMIN = { id: 'ma-chao', password: 'demo-admin-2' };
type KbInput = Record<string, unknown> & { site: string; faq: Array<{ intent: string; answer: object }> };
interface Versions {
  versions: Array<{ version: number; actor: string; reason: string; at: number }>;
}

describe('knowledge-base versions and the audit trail, attacked', () => {
  let t: TestServer;
  const tokens: Record<string, string> = {};
  const call = (method: string, path: string, authorization?: string, body?: unknown) =>
    fetch(`${t.httpUrl}${path}`, {
      method,
      headers: {
        ...(authorization ? { authorization } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const as = (who: string) => `Bearer ${tokens[who]}`;
  const kiosk = basic(DEMO.kiosk.id, DEMO.kiosk.secret);
  const currentInput = async (): Promise<KbInput> => {
    const {
      version: _v,
      updatedAt: _u,
      ...input
    } = (await (await call('GET', '/api/kb/grand-hotel')).json()) as KbInput;
    return input as KbInput;
  };
  const versions = async () =>
    ((await (await call('GET', '/api/kb/grand-hotel/versions', as('admin'))).json()) as Versions).versions;
  const withWifi = (kb: KbInput, zh: string, en: string): KbInput => ({
    ...kb,
    faq: kb.faq.map((f) => (f.intent === 'wifi' ? { ...f, answer: { zh, en } } : f)),
  });

  beforeAll(async () => {
    t = await startTestServer('embedded');
    for (const [name, who] of Object.entries({
      admin: DEMO.hotelAdmin,
      staff: DEMO.frontDesk,
      supervisor: DEMO.hotelSupervisor,
      hospitalAdmin: HOSPITAL_ADMIN,
      nurse: DEMO.nurse,
    }))
      tokens[name] = await staffToken(t.httpUrl, who.id, who.password);
  });
  afterAll(async () => t?.close());

  it('keeps every publish as a version with who and why, exports it, and reverts live to kiosks', async () => {
    const device = await kioskOnline(t.mqttUrl, DEMO.kiosk);
    await device.subscribe('fd/v1/site/grand-hotel/kb');
    const before = await currentInput();
    const [seeded] = await versions();
    expect(seeded).toMatchObject({ version: 1, actor: 'system:demo', reason: 'demo data' });

    const changed = withWifi(before, '密码 v2-pass', 'password v2-pass');
    const put = await call('PUT', '/api/kb/grand-hotel', as('admin'), {
      reason: 'new password',
      kb: changed,
    });
    expect(await put.json()).toEqual({ site: 'grand-hotel', version: 2 });
    expect((await versions())[0]).toMatchObject({
      version: 2,
      actor: 'staff:sun-li',
      reason: 'new password',
    });

    const exported = await call('GET', '/api/kb/grand-hotel/versions/1?download=1', as('staff'));
    expect(exported.headers.get('content-disposition')).toBe('attachment; filename="kb-grand-hotel-v1.json"');
    expect(await exported.json()).toEqual(before);
    const detail = (await (await call('GET', '/api/kb/grand-hotel/versions/2', as('supervisor'))).json()) as {
      kb: { version: number };
      reason: string;
    };
    expect(detail).toMatchObject({ version: 2, reason: 'new password', kb: { version: 2 } });

    const revert = await call('POST', '/api/kb/grand-hotel/revert', as('admin'), {
      version: 1,
      reason: 'back to the old password',
    });
    expect(await revert.json()).toEqual({ site: 'grand-hotel', version: 3, revertedFrom: 1 });
    const live = await device.waitFor(
      (m) => m.json.type === 'kb.snapshot' && (m.json.body as { version: number }).version === 3,
    );
    const { version: _v, updatedAt: _u, ...liveInput } = live.json.body as KbInput;
    expect(liveInput).toEqual(before);
    await device.close();

    const audit = (await (
      await call('GET', '/api/audit?action=kb.revert&subject=kb:grand', as('admin'))
    ).json()) as { entries: Array<{ actor: string; detail: Record<string, unknown> }> };
    expect(audit.entries).toEqual([
      expect.objectContaining({
        actor: 'staff:sun-li',
        detail: { version: 3, reason: 'back to the old password', revertedFrom: 1 },
      }),
    ]);
  });

  it('refuses versions and writes to the anonymous, staff and supervisors writing, another site and devices', async () => {
    const body = { reason: 'attack', kb: await currentInput() };
    const revert = { version: 1, reason: 'attack' };
    const count = (await versions()).length;
    for (const [who, status] of [
      [undefined, 401],
      [kiosk, 403],
      [as('hospitalAdmin'), 403],
      [as('nurse'), 403],
    ] as const) {
      expect((await call('GET', '/api/kb/grand-hotel/versions', who)).status, who).toBe(status);
      expect((await call('GET', '/api/kb/grand-hotel/versions/1', who)).status, who).toBe(status);
      expect((await call('GET', '/api/kb/grand-hotel/versions/1?download=1', who)).status, who).toBe(status);
    }
    for (const [who, status] of [
      [undefined, 401],
      [kiosk, 403],
      [as('staff'), 403],
      [as('supervisor'), 403],
      [as('hospitalAdmin'), 403],
    ] as const) {
      expect((await call('PUT', '/api/kb/grand-hotel', who, body)).status, who).toBe(status);
      expect((await call('POST', '/api/kb/grand-hotel/revert', who, revert)).status, who).toBe(status);
    }
    // Staff and supervisors of the site read the versions.
    expect((await call('GET', '/api/kb/grand-hotel/versions', as('staff'))).status).toBe(200);
    expect((await call('GET', '/api/kb/grand-hotel/versions', as('supervisor'))).status).toBe(200);
    expect((await versions()).length).toBe(count);
  });

  it('refuses hostile bodies with their reasons: nothing stored, no version, no audit entry', async () => {
    const kb = await currentInput();
    const count = (await versions()).length;
    const version = ((await (await call('GET', '/api/kb/grand-hotel')).json()) as { version: number })
      .version;
    const cases: Array<[unknown, string]> = [
      [kb, 'reason'],
      [{ reason: 'x'.repeat(100_000), kb }, 'reason'],
      [{ reason: '   ', kb }, 'reason'],
      [{ reason: 'two\nlines', kb }, 'line break'],
      [{ reason: 'rtl \u202e trick', kb }, 'bidirectional'],
      [{ reason: 'ok', kb: withWifi(kb, 'bad \u0000 nul', 'ok') }, 'control character'],
      [
        {
          reason: 'ok',
          kb: { ...kb, edges: [{ from: 'h-lobby-kiosk', to: 'nowhere', via: 'walk', costM: 1 }] },
        },
        'nowhere',
      ],
      [{ reason: 'ok', kb: { ...kb, site: 'city-hospital' } }, 'differs'],
      [{ reason: 'ok', kb: { ...kb, faq: 'not a list' } }, 'faq'],
      [
        { reason: 'ok', kb: { ...kb, faq: [{ intent: 'no_such_intent', answer: { zh: 'a', en: 'b' } }] } },
        'intent',
      ],
      [
        {
          reason: 'ok',
          kb: {
            ...kb,
            floors: [{ id: 'f', name: { zh: 'a', en: 'b' }, level: 1, svg: 'x'.repeat(200_001) }],
          },
        },
        'svg',
      ],
    ];
    for (const [body, why] of cases) {
      const res = await call('PUT', '/api/kb/grand-hotel', as('admin'), body);
      expect(res.status, why).toBe(400);
      const text = JSON.stringify(await res.json());
      expect(text, why).toContain('INVALID_MESSAGE');
      expect(text, why).toContain(why);
    }
    for (const [body, status] of [
      [{ version: 999, reason: 'no such version' }, 404],
      [{ version: 0, reason: 'zero' }, 400],
      [{ version: '1', reason: 'a string' }, 400],
      [{ version: 1 }, 400],
      [{ version: 1, reason: 'y'.repeat(501) }, 400],
    ] as const) {
      const res = await call('POST', '/api/kb/grand-hotel/revert', as('admin'), body);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(status);
    }
    expect((await call('GET', '/api/kb/grand-hotel/versions/999', as('admin'))).status).toBe(404);
    expect((await call('GET', '/api/kb/grand-hotel/versions/abc', as('admin'))).status).toBe(404);
    expect((await versions()).length).toBe(count);
    expect(((await (await call('GET', '/api/kb/grand-hotel')).json()) as { version: number }).version).toBe(
      version,
    );
    const published = (await (
      await call('GET', `/api/audit?action=kb.publish&from=0`, as('admin'))
    ).json()) as { entries: Array<{ detail: { version: number } }> };
    expect(published.entries.every((e) => e.detail.version <= version)).toBe(true);
  });

  it('filters the audit trail by validated parameters, within the administrator’s site only', async () => {
    for (const query of [
      'from=abc',
      'to=-1',
      'after=1.5',
      'limit=0',
      'action=bogus',
      'action=kb.publish&action=kb.revert',
      `actor=${'a'.repeat(201)}`,
      'subject=kb%0Aforged',
    ]) {
      const res = await call('GET', `/api/audit?${query}`, as('admin'));
      expect(res.status, query).toBe(400);
      expect(await res.json(), query).toMatchObject({ error: { code: 'INVALID_MESSAGE' } });
    }
    const page = async (query: string, who = as('admin')) =>
      (await (await call('GET', `/api/audit?${query}`, who)).json()) as {
        entries: Array<{ seq: number; actor: string; action: string; site: string; at: number }>;
        next: number | null;
      };
    const mine = await page('actor=staff:sun-li');
    expect(mine.entries.length).toBeGreaterThan(0);
    expect(mine.entries.every((e) => e.actor === 'staff:sun-li' && e.site === 'grand-hotel')).toBe(true);
    // The hospital's administrator finds nothing of the hotel's, however they filter.
    expect((await page('actor=staff:sun-li', as('hospitalAdmin'))).entries).toEqual([]);
    expect((await page('subject=kb:grand-hotel', as('hospitalAdmin'))).entries).toEqual([]);

    const first = await page('actor=staff:sun-li&limit=1');
    expect(first.entries).toHaveLength(1);
    expect(first.next).toBe(first.entries[0]!.seq);
    const second = await page(`actor=staff:sun-li&limit=1&after=${first.next}`);
    expect(second.entries[0]!.seq).toBeGreaterThan(first.entries[0]!.seq);
    const at = first.entries[0]!.at;
    const window = await page(`from=${at}&to=${at + 1}`);
    expect(window.entries.every((e) => e.at === at)).toBe(true);
    expect((await page(`from=${at + 1}&to=${at + 1}`)).entries).toEqual([]);
    expect((await page('limit=1000000')).next).toBeNull();
  });
});
