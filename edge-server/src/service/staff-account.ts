/**
 * A member of staff's own account: sign out, refresh the session token, change the password. Tokens
 * and their revocation are in `auth/staff-sessions.ts`; this is the shell that writes, audits and
 * closes the MQTT connections a revoked token still holds open.
 */
import { FrontdeskError, passwordProblem } from '@frontdesk/protocol';
import type { AuthOrigin, Authenticator } from '../auth/authenticator.js';
import { hashSecret, mosquittoHash, type TokenSigner } from '../auth/secrets.js';
import {
  REFRESH_GRACE_MS,
  generationOf,
  issueStaffToken,
  type LiveStaffSession,
} from '../auth/staff-sessions.js';
import type { StaffMember } from '../domain/types.js';
import type { Store } from '../store/store.js';
import { recordAudit, type AuditRecord } from './audit.js';
import type { TimeoutTimers } from './clock.js';

/** What closes live MQTT connections: the embedded broker can; an external one cannot (README). */
export interface SessionConnections {
  /** Every connection of this member. */
  all(staffId: string): number;
  /** The connections that signed in with the token of this hash. */
  ofToken(staffId: string, tokenHash: string): number;
}

export interface StaffAccountDeps {
  store: Store;
  tokens: TokenSigner;
  authenticator: Authenticator;
  timers: TimeoutTimers;
  connections: () => SessionConnections | null;
  graceMs?: number;
}

export interface IssuedSession {
  token: string;
  expiresAt: number;
  member: StaffMember;
}

export class StaffAccounts {
  constructor(private readonly deps: StaffAccountDeps) {}

  private audit(member: StaffMember, action: AuditRecord['action']): Promise<void> {
    const id = `staff:${member.id}`;
    return recordAudit(this.deps.store.audit, this.deps.timers.now(), {
      actor: id,
      action,
      subject: id,
      site: member.site,
    });
  }

  /** Ends the presented session now, over HTTP and MQTT. Audited without the token. */
  async logout(session: LiveStaffSession): Promise<{ disconnected: number }> {
    const { member, tokenHash, expiresAt } = session;
    const now = this.deps.timers.now();
    await this.deps.store.revokedTokens.revoke({ tokenHash, staffId: member.id, revokedAt: now, expiresAt });
    await this.audit(member, 'staff.logout');
    return { disconnected: this.deps.connections()?.ofToken(member.id, tokenHash) ?? 0 };
  }

  /**
   * A fresh token for a live one; the old one keeps working for the grace, then its MQTT connections
   * close. A token already refreshed away cannot be refreshed again: a copy of it must not outlive
   * the session it was taken from.
   */
  async refresh(session: LiveStaffSession): Promise<IssuedSession> {
    const { member, tokenHash, expiresAt } = session;
    const now = this.deps.timers.now();
    const graceMs = this.deps.graceMs ?? REFRESH_GRACE_MS;
    // Checked and revoked in one transaction: two refreshes of one token cannot both get a new one.
    await this.deps.store.transaction(async (tx) => {
      if ((await tx.revokedTokens.revokedAt(tokenHash)) !== null)
        throw new FrontdeskError('UNAUTHENTICATED', 'this session was refreshed already');
      await tx.revokedTokens.revoke({ tokenHash, staffId: member.id, revokedAt: now + graceMs, expiresAt });
    });
    const fresh = issueStaffToken(this.deps.tokens, member, now);
    await this.audit(member, 'staff.refresh');
    this.deps.timers.setTimeout(() => this.deps.connections()?.ofToken(member.id, tokenHash), graceMs);
    return { ...fresh, member };
  }

  /**
   * Changes the caller's own password. `current` is checked like a sign-in (it counts towards the
   * lockout; a session token is not accepted for it). Every session of the member ends — the next
   * generation — and the caller gets a new token of it, so only their device stays signed in.
   */
  async changePassword(
    session: LiveStaffSession,
    body: { current: string; next: string },
    origin: AuthOrigin,
  ): Promise<IssuedSession & { disconnected: number }> {
    const id = session.member.id;
    const checked = await this.deps.authenticator.authenticate(id, id, body.current, {
      ...origin,
      passwordOnly: true,
    });
    if (!checked.ok && checked.retryAfterMs !== undefined)
      throw new FrontdeskError('RATE_LIMITED', checked.reason, { retryAfterMs: checked.retryAfterMs });
    if (!checked.ok) throw new FrontdeskError('WRONG_PASSWORD');
    const problem = passwordProblem(body.next, { id, current: body.current });
    if (problem) throw new FrontdeskError('WEAK_PASSWORD', undefined, { problem });
    const passwordHash = await hashSecret(body.next);
    const member = await this.deps.store.transaction(async (tx) => {
      // Read again inside the transaction: a concurrent change must not be undone by this one.
      const now = await tx.staff.get(id);
      if (!now || now.disabled) throw new FrontdeskError('UNAUTHENTICATED');
      const next: StaffMember = {
        ...now,
        passwordHash,
        brokerHash: mosquittoHash(body.next),
        sessionGeneration: generationOf(now) + 1,
      };
      await tx.staff.put(next);
      return next;
    });
    this.deps.authenticator.invalidate(`staff:${id}`);
    await this.audit(member, 'staff.password');
    const disconnected = this.deps.connections()?.all(id) ?? 0;
    return { ...issueStaffToken(this.deps.tokens, member, this.deps.timers.now()), member, disconnected };
  }
}
