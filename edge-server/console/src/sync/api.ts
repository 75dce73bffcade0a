import type {
  ErrorCode,
  KnowledgeBase,
  Lang,
  StaffEscalationView,
  TicketStatus,
  TicketView,
} from '@frontdesk/protocol';
import type { ChatLine, QueueSnapshot, Session } from '../app/state.js';
import type { Me } from '../features/inbox/inbox.js';

/** An HTTP call the server refused, with its stable code (401 → UNAUTHENTICATED: the session is over). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ErrorCode | 'NETWORK',
    message: string,
    readonly status: number,
    /** The error's `details` (a weak password's `problem`, a rate limit's `retryAfterMs`). */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export interface LoginAnswer {
  token: string;
  /** On the server's clock. */
  expiresAt: number;
  /** The server's clock when it answered (its HTTP `Date`), null when absent. */
  serverNow: number | null;
  staff: Me;
  mqtt: { tcp: string | null; ws: string };
}

interface RawChat {
  id: string;
  from: 'guest' | 'staff';
  name: string | null;
  text: string;
  at: number;
}

/** `GET /api/tickets/:id`: the ticket with the text read from its photos, and its history with notes. */
export interface TicketDetail {
  ticket: TicketView & { ocrText: string | null; lang: Lang; conversationId: string | null };
  events: Array<{
    from: TicketStatus | null;
    to: TicketStatus;
    at: number;
    actor: string;
    note: string | null;
  }>;
}

/** The server's HTTP routes the console uses (edge-server/src/http/app.ts); `fetchImpl` for tests. */
export class ConsoleApi {
  constructor(
    private readonly base: string,
    private token: string | null = null,
    private readonly fetchImpl: typeof fetch = (...a) => fetch(...a),
  ) {}

  useToken(token: string | null): void {
    this.token = token;
  }

  private async call(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.token) headers.set('authorization', `Bearer ${this.token}`);
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.base}${path}`, { ...init, headers, cache: 'no-store' });
    } catch (err) {
      throw new ApiError('NETWORK', err instanceof Error ? err.message : 'network error', 0);
    }
    if (!res.ok) {
      // The server's errors are `{ error: { code, message, messageZh, details? } }` (http/errors.ts).
      const body = (await res.json().catch(() => ({}))) as {
        error?: { code?: ErrorCode; message?: string; details?: unknown };
      };
      const code = body.error?.code ?? (res.status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL');
      throw new ApiError(code, body.error?.message ?? res.statusText, res.status, body.error?.details);
    }
    return res;
  }

  private async json<T>(path: string, init?: RequestInit): Promise<T> {
    return (await (await this.call(path, init)).json()) as T;
  }

  /** A session answer (sign-in, refresh, password change) with the server's clock from its `Date`. */
  private async session(path: string, body?: unknown): Promise<LoginAnswer> {
    const res = await this.call(path, {
      method: 'POST',
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const date = Date.parse(res.headers.get('date') ?? '');
    const answer = (await res.json()) as Omit<LoginAnswer, 'serverNow'>;
    return { ...answer, serverNow: Number.isNaN(date) ? null : date };
  }

  login(id: string, password: string): Promise<LoginAnswer> {
    return this.session('/api/auth/login', { id, password });
  }

  /** A fresh token for the current one (which the server revokes after a short grace). */
  refreshSession(): Promise<LoginAnswer> {
    return this.session('/api/auth/refresh');
  }

  /** Changes my password; every other session of mine ends and this one gets a new token. */
  changePassword(current: string, next: string): Promise<LoginAnswer> {
    return this.session('/api/auth/password', { current, next });
  }

  /** Ends the current token on the server (HTTP and MQTT). */
  async logout(signal?: AbortSignal): Promise<void> {
    await this.call('/api/auth/logout', { method: 'POST', ...(signal ? { signal } : {}) });
  }

  /** Adds a photo of the repair to a ticket I hold; the ticket as it is now. */
  async addRepairPhoto(ticketId: string, image: Blob): Promise<TicketView> {
    const answer = await this.json<{ ticket: TicketView }>(
      `/api/tickets/${encodeURIComponent(ticketId)}/photos`,
      { method: 'POST', headers: { 'content-type': image.type || 'application/octet-stream' }, body: image },
    );
    return answer.ticket;
  }

  async escalations(status?: string[]): Promise<StaffEscalationView[]> {
    const q = status ? `?status=${status.join(',')}` : '';
    return (await this.json<{ escalations: StaffEscalationView[] }>(`/api/escalations${q}`)).escalations;
  }

  async chat(escalationId: string): Promise<ChatLine[]> {
    const detail = await this.json<{ chat: RawChat[] }>(
      `/api/escalations/${encodeURIComponent(escalationId)}`,
    );
    return detail.chat.map((c) => ({ id: c.id, from: c.from, name: c.name, text: c.text, at: c.at }));
  }

  /** My presence as the server has it (`GET /api/staff/me`). */
  me(): Promise<Me & { onDuty: boolean; place: string | null; online: boolean }> {
    return this.json('/api/staff/me');
  }

  async tickets(): Promise<TicketView[]> {
    return (await this.json<{ tickets: TicketView[] }>('/api/tickets')).tickets;
  }

  ticket(ticketId: string): Promise<TicketDetail> {
    return this.json(`/api/tickets/${encodeURIComponent(ticketId)}`);
  }

  queue(): Promise<QueueSnapshot> {
    return this.json('/api/queue');
  }

  kb(site: string): Promise<KnowledgeBase> {
    return this.json(`/api/kb/${encodeURIComponent(site)}`);
  }

  /** A guest's photo, fetched with the staff session (it is never a public URL). */
  async photo(photoId: string): Promise<Blob> {
    return (await this.call(`/api/photos/${encodeURIComponent(photoId)}`)).blob();
  }
}

/**
 * The session with its expiry on this handheld's clock: a phone's clock may be minutes or hours off
 * the server's, so the time left (by the server's clock) is counted from `localNow`. The `Date`
 * header has a one-second resolution, which is plenty for a twelve-hour session.
 */
export function sessionFrom(answer: LoginAnswer, mqttWs: string, localNow: number): Session {
  const leftMs = answer.expiresAt - (answer.serverNow ?? localNow);
  return {
    token: answer.token,
    issuedAt: localNow,
    expiresAt: localNow + leftMs,
    staff: answer.staff,
    mqttWs,
  };
}
