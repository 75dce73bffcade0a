import type { OutboxSender } from '../../sync/sender.js';

/** 18 random bytes: 144 bits, 24 characters of base64url; the server accepts 22–64. */
const CODE_BYTES = 18;
/** How long a continue-on-phone QR code may be used. */
export const HANDOVER_TTL_S = 30 * 60;

/** An unguessable code from `random` bytes (crypto.getRandomValues in the kiosk), base64url. */
export function newHandoverCode(random: (bytes: Uint8Array) => Uint8Array): string {
  const bytes = random(new Uint8Array(CODE_BYTES));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The QR's URL. WeChat maps the `/m/continue` prefix to the mini-program; a browser gets a page. */
export function continueUrl(origin: string, code: string): string {
  return `${origin}/m/continue?h=${encodeURIComponent(code)}`;
}

export interface HandoverTarget {
  conversationId: string;
  escalationId?: string | undefined;
  ticketId?: string | undefined;
}

/**
 * Continue on the phone: makes a code, sends `handover.offer` through the outbox (so an offline
 * kiosk's QR works once the link is back), and returns the URL for the QR code.
 */
export class HandoverController {
  constructor(
    private readonly deps: {
      sender: Pick<OutboxSender, 'enqueue'>;
      random: (bytes: Uint8Array) => Uint8Array;
      origin: string;
    },
  ) {}

  async offer(target: HandoverTarget): Promise<string> {
    const code = newHandoverCode(this.deps.random);
    await this.deps.sender.enqueue('handover.offer', {
      code,
      conversationId: target.conversationId,
      ...(target.escalationId ? { escalationId: target.escalationId } : {}),
      ...(target.ticketId ? { ticketId: target.ticketId } : {}),
      ttlS: HANDOVER_TTL_S,
    });
    return continueUrl(this.deps.origin, code);
  }
}
