/**
 * `POST /api/understand`: the WeChat fallback runs the trained model on the server, with the site's
 * knowledge base, answering the `ask` shape; the dialogue state travels with the client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, staffToken, startTestServer, type TestServer } from './harness.js';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const KIOSK = basic(DEMO.kiosk.id, DEMO.kiosk.secret);

describe('POST /api/understand', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('embedded');
  });
  afterAll(async () => t?.close());

  const understand = (body: unknown, authorization: string | null = KIOSK) =>
    fetch(`${t.httpUrl}/api/understand`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(authorization ? { authorization } : {}),
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it("answers with the site's knowledge base in the ask shape", async () => {
    const res = await understand({ text: 'wifi密码多少' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      text: 'wifi密码多少',
      lang: 'zh',
      intent: 'wifi',
      sentiment: 'neutral',
      department: null,
      slots: {},
      action: 'answer',
      answer: expect.stringContaining('yunqi2026'),
    });
    expect(body.confidence).toBeGreaterThan(0.5);
    expect(body.state).toMatchObject({ turns: 1, unansweredTurns: 0 });
  });

  it('continues a conversation from the state the client sends back, in the language asked for', async () => {
    const first = (await (await understand({ text: 'what time does the gym open' })).json()) as {
      answer: string;
      state: unknown;
    };
    expect(first.answer).toMatch(/gym/i);
    const follow = (await (await understand({ text: 'and the pool?', state: first.state })).json()) as {
      intent: string;
      answer: string;
      slots: Record<string, string>;
    };
    expect(follow).toMatchObject({ intent: 'hotel.facilities', slots: { place: 'h-pool' } });
    expect(follow.answer).toMatch(/pool/i);
    const zh = (await (await understand({ text: 'where can I park', lang: 'zh' })).json()) as {
      lang: string;
      answer: string;
    };
    expect(zh.lang).toBe('zh');
    expect(zh.answer).toMatch(/停车/);
  });

  it('escalates a red flag as an emergency, whatever the site', async () => {
    const hospital = basic(DEMO.hospitalKiosk.id, DEMO.hospitalKiosk.secret);
    const res = await understand({ text: '我爸胸口疼喘不上气' }, hospital);
    expect(await res.json()).toMatchObject({
      intent: 'emergency',
      department: 'emergency',
      action: 'escalate',
      priority: 'emergency',
      escalation: 'emergency',
    });
  });

  it('refuses what it should, with a stable code and reasons in both languages', async () => {
    const expectError = async (res: Response, status: number, code: string) => {
      expect(res.status).toBe(status);
      const { error } = (await res.json()) as { error: { code: string; message: string; messageZh: string } };
      expect(error.code).toBe(code);
      expect(error.message.length).toBeGreaterThan(0);
      expect(error.messageZh.length).toBeGreaterThan(0);
      return error;
    };
    await expectError(await understand({ text: 'wifi' }, null), 401, 'UNAUTHENTICATED');
    const token = await staffToken(t.httpUrl, DEMO.frontDesk.id, DEMO.frontDesk.password);
    await expectError(await understand({ text: 'wifi' }, `Bearer ${token}`), 403, 'FORBIDDEN');
    await expectError(await understand('{"text":'), 400, 'MALFORMED_JSON');
    await expectError(await understand({ text: '' }), 400, 'INVALID_MESSAGE');
    await expectError(await understand({ text: 'wifi', state: { turns: -1 } }), 400, 'INVALID_MESSAGE');
    const binary = await expectError(await understand({ text: 'wifi\u0000\u0001' }), 400, 'INVALID_MESSAGE');
    expect(binary.message).toContain('binary_input');
    const long = await expectError(await understand({ text: '好'.repeat(600) }), 400, 'INVALID_MESSAGE');
    expect(long.message).toContain('input_too_long');
    await expectError(await understand({ text: 'x'.repeat(20_000) }), 413, 'PAYLOAD_TOO_LARGE');
  });
});
