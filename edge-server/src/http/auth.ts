/** Who is asking: a staff or phone bearer token, or a device's Basic credentials. */
import { FrontdeskError, type Principal } from '@frontdesk/protocol';
import type { FastifyRequest } from 'fastify';
import { rateLimited, signInFrom } from './errors.js';
import type { Authenticator } from '../auth/authenticator.js';
import type { TokenSigner } from '../auth/secrets.js';
import { liveStaffSession, type LiveStaffSession } from '../auth/staff-sessions.js';
import type { Metrics } from '../metrics.js';
import type { Clock } from '../service/clock.js';
import type { Store } from '../store/store.js';

type Role = 'staff' | 'supervisor' | 'admin';
const ANY_ROLE: Role[] = ['staff', 'supervisor', 'admin'];

export interface HttpAuthDeps {
  store: Store;
  tokens: TokenSigner;
  authenticator: Authenticator;
  clock: Clock;
  /** Wrong Basic credentials are counted like wrong passwords at `POST /api/auth/login`. */
  metrics: Pick<Metrics, 'authFailed'>;
}

export class HttpAuth {
  constructor(private readonly deps: HttpAuthDeps) {}

  async principalOf(req: FastifyRequest): Promise<Principal | null> {
    const header = req.headers.authorization;
    if (!header) return null;
    const [scheme, value] = header.split(' ', 2);
    if (!value) return null;
    if (scheme === 'Bearer') return this.bearer(value);
    if (scheme === 'Basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 1) return null;
      const id = decoded.slice(0, colon);
      const result = await this.deps.authenticator.authenticate(
        id,
        id,
        decoded.slice(colon + 1),
        signInFrom(req),
      );
      if (!result.ok && result.retryAfterMs !== undefined)
        throw rateLimited(result.reason, result.retryAfterMs);
      if (!result.ok) this.deps.metrics.authFailed++;
      return result.ok ? result.principal : null;
    }
    return null;
  }

  private async bearer(value: string): Promise<Principal | null> {
    const { store, tokens, clock } = this.deps;
    if (tokens.verify(value, 'staff', clock.now())) {
      const session = await liveStaffSession(store, tokens, value, clock.now());
      if (!session) return null;
      const { member } = session;
      return { kind: 'staff', id: member.id, site: member.site, role: member.role };
    }
    const phoneId = tokens.verify(value, 'phone', clock.now());
    if (phoneId) {
      const device = await store.devices.get(phoneId);
      return device && !device.revoked ? { kind: 'device', id: device.id, site: device.site } : null;
    }
    return null;
  }

  async anyone(req: FastifyRequest): Promise<Principal> {
    const p = await this.principalOf(req);
    if (!p) throw new FrontdeskError('UNAUTHENTICATED');
    return p;
  }

  async staff(req: FastifyRequest, roles: Role[] = ANY_ROLE) {
    const p = await this.anyone(req);
    if (p.kind !== 'staff' || !roles.includes(p.role)) throw new FrontdeskError('FORBIDDEN');
    return p;
  }

  /**
   * The staff session a request presents as its bearer token (sign-out, refresh, password change act
   * on the session itself, not just on who is asking). A device's credentials or none: UNAUTHENTICATED.
   */
  async staffSession(req: FastifyRequest): Promise<LiveStaffSession & { token: string }> {
    const [scheme, token] = (req.headers.authorization ?? '').split(' ', 2);
    const session =
      scheme === 'Bearer' && token
        ? await liveStaffSession(this.deps.store, this.deps.tokens, token, this.deps.clock.now())
        : null;
    if (!session || !token) throw new FrontdeskError('UNAUTHENTICATED', 'a staff session token is required');
    return { ...session, token };
  }

  async device(req: FastifyRequest, what = 'upload photos') {
    const p = await this.anyone(req);
    if (p.kind !== 'device')
      throw new FrontdeskError('FORBIDDEN', `only a kiosk or phone session may ${what}`);
    return p;
  }
}

export function sameSite(p: { site: string }, site: string): void {
  if (p.site !== site) throw new FrontdeskError('FORBIDDEN', `you belong to site ${p.site}`);
}
