/**
 * Regression: expired handover codes were never deleted. The real server's purge timer (a short
 * interval here) deletes a code nobody took once it expired, and keeps a phone's link to what it
 * follows. The rule itself is tested on a fake clock in src/service/handover-purge.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, waitUntil, type TestServer } from './harness.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer('embedded', { HANDOVER_PURGE_INTERVAL_MS: '50' });
});
afterAll(async () => t?.close());

describe('the handover purge timer', () => {
  it('deletes expired untaken codes on its interval and keeps what a phone follows', async () => {
    const now = Date.now();
    const row = {
      site: 'grand-hotel',
      deviceId: 'kiosk-hotel-lobby',
      conversationId: 'conv-purge-1',
      escalationId: null,
      ticketId: null,
      createdAt: now - 120_000,
    };
    const handovers = t.server.store.handovers;
    await handovers.put({ ...row, codeHash: 'expired-untaken', expiresAt: now - 1, phoneDeviceId: null });
    await handovers.put({ ...row, codeHash: 'live', expiresAt: now + 600_000, phoneDeviceId: null });
    await handovers.put({ ...row, codeHash: 'expired-taken', expiresAt: now - 1, phoneDeviceId: 'phone-1' });

    await waitUntil(async () => (await handovers.get('expired-untaken')) === null, 5000, 'the purge');
    expect(await handovers.get('live')).not.toBeNull();
    expect(await handovers.get('expired-taken')).not.toBeNull();
  });
});
