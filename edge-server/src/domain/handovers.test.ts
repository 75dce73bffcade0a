import { describe, expect, it } from 'vitest';
import { handoverCutoffs, isHandoverCodeExpired, isHandoverPurgeable } from './handovers.js';

const NOW = 1_000_000;
const KEEP = 30_000;

describe('handover expiry', () => {
  it('expires a code at its expiresAt, not before', () => {
    expect(isHandoverCodeExpired({ expiresAt: NOW + 1 }, NOW)).toBe(false);
    expect(isHandoverCodeExpired({ expiresAt: NOW }, NOW)).toBe(true);
  });

  it('purges an untaken handover once its code expired', () => {
    const cutoffs = handoverCutoffs(NOW, { attachedKeepMs: KEEP });
    expect(isHandoverPurgeable({ expiresAt: NOW + 1, phoneDeviceId: null }, cutoffs)).toBe(false);
    expect(isHandoverPurgeable({ expiresAt: NOW, phoneDeviceId: null }, cutoffs)).toBe(true);
  });

  it("keeps a phone's handover for attachedKeepMs after its code expired: the phone still follows it", () => {
    const cutoffs = handoverCutoffs(NOW, { attachedKeepMs: KEEP });
    expect(isHandoverPurgeable({ expiresAt: NOW - 1, phoneDeviceId: 'p' }, cutoffs)).toBe(false);
    expect(isHandoverPurgeable({ expiresAt: NOW - KEEP + 1, phoneDeviceId: 'p' }, cutoffs)).toBe(false);
    expect(isHandoverPurgeable({ expiresAt: NOW - KEEP, phoneDeviceId: 'p' }, cutoffs)).toBe(true);
  });
});
