/**
 * The administrators' HTTP calls (`docs/protocol.md`, HTTP): the knowledge base and its versions,
 * revert, export, and the audit trail. Refusals keep the server's code, both messages and `details`,
 * so the editor can put validation problems on their fields.
 */
import type {
  ErrorCode,
  KbVersionDetail,
  KbVersionSummary,
  KnowledgeBase,
  KnowledgeBaseInput,
} from '@frontdesk/protocol';

export class AdminApiError extends Error {
  override readonly name = 'AdminApiError';
  constructor(
    readonly code: ErrorCode | 'NETWORK',
    message: string,
    readonly messageZh: string,
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export interface AuditRow {
  seq: number;
  at: number;
  actor: string;
  action: string;
  subject: string;
  detail: Record<string, unknown>;
  site: string | null;
}

export class AdminApi {
  constructor(
    private readonly base: string,
    private readonly token: () => string | null,
    private readonly fetchImpl: typeof fetch = (...a) => fetch(...a),
  ) {}

  private async call(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const token = this.token();
    if (token) headers.set('authorization', `Bearer ${token}`);
    if (init.body !== undefined) headers.set('content-type', 'application/json');
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.base}${path}`, { ...init, headers, cache: 'no-store' });
    } catch (err) {
      const why = err instanceof Error ? err.message : 'network error';
      throw new AdminApiError('NETWORK', why, why, 0);
    }
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as {
        error?: { code?: ErrorCode; message?: string; messageZh?: string; details?: unknown };
      };
      const e = body.error ?? {};
      const message = e.message ?? res.statusText;
      throw new AdminApiError(e.code ?? 'INTERNAL', message, e.messageZh ?? message, res.status, e.details);
    }
    return res;
  }

  private async json<T>(path: string, init?: RequestInit): Promise<T> {
    return (await (await this.call(path, init)).json()) as T;
  }

  private static site(site: string): string {
    return `/api/kb/${encodeURIComponent(site)}`;
  }

  kb(site: string): Promise<KnowledgeBase> {
    return this.json(AdminApi.site(site));
  }

  publish(site: string, kb: KnowledgeBaseInput, reason: string): Promise<{ version: number }> {
    return this.json(AdminApi.site(site), { method: 'PUT', body: JSON.stringify({ reason, kb }) });
  }

  async versions(site: string): Promise<KbVersionSummary[]> {
    return (await this.json<{ versions: KbVersionSummary[] }>(`${AdminApi.site(site)}/versions`)).versions;
  }

  version(site: string, version: number): Promise<KbVersionDetail> {
    return this.json(`${AdminApi.site(site)}/versions/${version}`);
  }

  /** The export: the version as the server's JSON attachment, with its file name. */
  async exportVersion(site: string, version: number): Promise<{ blob: Blob; fileName: string }> {
    const res = await this.call(`${AdminApi.site(site)}/versions/${version}?download=1`);
    const disposition = res.headers.get('content-disposition') ?? '';
    const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `kb-${site}-v${version}.json`;
    return { blob: await res.blob(), fileName };
  }

  revert(site: string, version: number, reason: string): Promise<{ version: number; revertedFrom: number }> {
    return this.json(`${AdminApi.site(site)}/revert`, {
      method: 'POST',
      body: JSON.stringify({ version, reason }),
    });
  }

  audit(query: string): Promise<{ entries: AuditRow[]; next: number | null }> {
    return this.json(`/api/audit?${query}`);
  }
}
