/**
 * Part of the store contract (`contract.ts` runs it for every backend): revoked staff session tokens
 * (sign-out, refresh) and the photos a ticket's history names.
 */
import { expect, it } from 'vitest';
import type { Store } from './store.js';

export function sessionContract(store: () => Store): void {
  it('keeps a revoked token until its expiry; a second revocation keeps the earlier time', async () => {
    const s = store();
    expect(await s.revokedTokens.revokedAt('h1')).toBeNull();
    await s.revokedTokens.revoke({ tokenHash: 'h1', staffId: 'li-na', revokedAt: 500, expiresAt: 1000 });
    await s.revokedTokens.revoke({ tokenHash: 'h1', staffId: 'li-na', revokedAt: 900, expiresAt: 1000 });
    expect(await s.revokedTokens.revokedAt('h1')).toBe(500);
    await s.revokedTokens.revoke({ tokenHash: 'h1', staffId: 'li-na', revokedAt: 100, expiresAt: 1000 });
    expect(await s.revokedTokens.revokedAt('h1')).toBe(100);
    await s.revokedTokens.revoke({ tokenHash: 'h2', staffId: 'li-na', revokedAt: 100, expiresAt: 3000 });
    expect(await s.revokedTokens.deleteExpiredBefore(1000)).toBe(0);
    expect(await s.revokedTokens.deleteExpiredBefore(1001)).toBe(1);
    expect(await s.revokedTokens.revokedAt('h1')).toBeNull();
    expect(await s.revokedTokens.revokedAt('h2')).toBe(100);
  });

  it('rolls a revocation back with its transaction', async () => {
    const s = store();
    await expect(
      s.transaction(async (tx) => {
        await tx.revokedTokens.revoke({ tokenHash: 'h', staffId: 'a', revokedAt: 1, expiresAt: 2 });
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await s.revokedTokens.revokedAt('h')).toBeNull();
  });

  it('keeps the photo a ticket event names, and none on the others', async () => {
    const s = store();
    const base = { ticketId: 't', from: 'in_progress', to: 'in_progress', at: 1, actor: 'staff:a' } as const;
    await s.tickets.appendEvent({ ...base, note: null });
    await s.tickets.appendEvent({ ...base, at: 2, note: 'repair photo', photoId: 'p'.repeat(64) });
    const events = await s.tickets.events('t');
    expect(events[0]).toEqual({ ...base, note: null });
    expect(events[1]).toEqual({ ...base, at: 2, note: 'repair photo', photoId: 'p'.repeat(64) });
  });
}
