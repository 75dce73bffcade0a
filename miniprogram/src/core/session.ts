import { phoneSessionSchema, type PhoneSessionWire } from '@frontdesk/protocol';
import { clientError, errorFromReply, PhoneError } from './errors.js';
import type { Http, HttpReply } from './http.js';

/** A session is renewed this long before it expires, so a request never goes out with a dead token. */
export const RENEW_BEFORE_MS = 10 * 60 * 1000;

export function needsRenewal(session: Pick<PhoneSessionWire, 'expiresAt'>, now: number): boolean {
  return session.expiresAt - now <= RENEW_BEFORE_MS;
}

export interface SessionDeps {
  /** The edge server's origin (`https://…`), without a trailing slash. */
  baseUrl: string;
  site: string;
  /** A fresh one-time login code: `wx.login` in WeChat, a simulated code in a browser. */
  login(): Promise<string>;
  http: Http;
  now(): number;
}

/**
 * The phone's session: a login code exchanged for a token and the MQTT endpoint
 * (`POST /api/phone/sessions`). The server has no refresh call, so a session about to expire is
 * renewed by signing in again; a request refused as unauthenticated signs in once more and retries.
 */
export class SessionClient {
  private current: PhoneSessionWire | null = null;
  private opening: Promise<PhoneSessionWire> | null = null;

  constructor(private readonly deps: SessionDeps) {}

  get session(): PhoneSessionWire | null {
    return this.current;
  }

  /** Signs in; `handover`: a kiosk's continue-on-phone code, to follow what it carries. */
  async open(handover?: string): Promise<PhoneSessionWire> {
    const code = await this.deps.login();
    const body = { site: this.deps.site, code, ...(handover ? { handover } : {}) };
    const reply = await this.send('POST', '/api/phone/sessions', body, {});
    if (reply.status !== 200) throw errorFromReply(reply.status, reply.body);
    const parsed = phoneSessionSchema.safeParse(reply.body);
    if (!parsed.success) throw clientError('BAD_REPLY');
    this.current = parsed.data;
    return parsed.data;
  }

  /** The live session, renewed first when it is close to expiring (one sign-in at a time). */
  async ensure(): Promise<PhoneSessionWire> {
    const s = this.current;
    if (s && !needsRenewal(s, this.deps.now())) return s;
    this.opening ??= this.open().finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  /** An authenticated JSON request; a 401 (a token the server no longer takes) signs in again once. */
  async request(method: 'GET' | 'POST', path: string, body: unknown): Promise<HttpReply> {
    let session = await this.ensure();
    let reply = await this.send(method, path, body, { authorization: `Bearer ${session.token}` });
    if (reply.status === 401) {
      this.current = null;
      session = await this.ensure();
      reply = await this.send(method, path, body, { authorization: `Bearer ${session.token}` });
    }
    return reply;
  }

  private async send(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    headers: Record<string, string>,
  ): Promise<HttpReply> {
    try {
      return await this.deps.http.request(method, `${this.deps.baseUrl}${path}`, body, {
        'content-type': 'application/json',
        ...headers,
      });
    } catch (error) {
      if (error instanceof PhoneError) throw error;
      throw clientError('OFFLINE');
    }
  }
}
