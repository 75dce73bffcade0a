import { describe, expect, it } from 'vitest';
import { HANDOVER_CODE_PATTERN } from '@frontdesk/protocol';
import { HandoverController, continueUrl, newHandoverCode } from './handover.js';

const counting = () => {
  let n = 0;
  return (bytes: Uint8Array) => bytes.map(() => n++ % 256);
};

describe('handover codes', () => {
  it('are 144 random bits in base64url, which the protocol accepts', () => {
    const code = newHandoverCode(counting());
    expect(code).toHaveLength(24);
    expect(HANDOVER_CODE_PATTERN.test(code)).toBe(true);
    const high = newHandoverCode((b) => b.fill(0xfb));
    expect(high).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('the QR URL is the edge server page, the code escaped', () => {
    expect(continueUrl('https://edge.local', 'a_b-c')).toBe('https://edge.local/m/continue?h=a_b-c');
  });

  it('an offer goes through the outbox with the entities it carries', async () => {
    const sent: Array<{ type: string; body: Record<string, unknown> }> = [];
    const c = new HandoverController({
      sender: {
        enqueue: async (type, body) => {
          sent.push({ type, body: body as Record<string, unknown> });
          return 'm1';
        },
      },
      random: counting(),
      origin: 'http://127.0.0.1:8080',
    });
    const url = await c.offer({ conversationId: 'c1', ticketId: 'tk-1' });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.type).toBe('handover.offer');
    expect(sent[0]?.body).toMatchObject({ conversationId: 'c1', ticketId: 'tk-1', ttlS: 1800 });
    expect(sent[0]?.body).not.toHaveProperty('escalationId');
    expect(url).toBe(`http://127.0.0.1:8080/m/continue?h=${String(sent[0]?.body.code)}`);
  });
});
