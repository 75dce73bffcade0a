/** Device administration use-cases, shared by the HTTP API and the admin CLI. */
import type { ErrorCode } from '@frontdesk/protocol';
import type { Store } from '../store/store.js';
import { recordAudit } from './audit.js';

/** Who revokes: an administrator of one site, or the shell (`site: null`, any site). */
export interface Revoker {
  actor: string;
  site: string | null;
}

/**
 * Marks a device revoked, so it can no longer connect. Revoking twice is harmless (audited once).
 * Closing its live connections is the caller's part, after the commit.
 */
export async function revokeDevice(
  store: Store,
  now: number,
  deviceId: string,
  by: Revoker,
): Promise<{ ok: true; changed: boolean } | { ok: false; code: ErrorCode; reason: string }> {
  return store.transaction(async (tx) => {
    const device = await tx.devices.get(deviceId);
    if (!device) return { ok: false as const, code: 'NOT_FOUND' as const, reason: `no device ${deviceId}` };
    if (by.site !== null && device.site !== by.site)
      return {
        ok: false as const,
        code: 'FORBIDDEN' as const,
        reason: `device ${deviceId} belongs to another site`,
      };
    if (device.revoked) return { ok: true as const, changed: false };
    await tx.devices.put({ ...device, revoked: true });
    await recordAudit(tx.audit, now, {
      actor: by.actor,
      action: 'device.revoke',
      subject: `device:${deviceId}`,
      site: device.site,
    });
    return { ok: true as const, changed: true };
  });
}
