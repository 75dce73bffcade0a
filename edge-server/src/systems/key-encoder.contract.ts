/** The one contract every `KeyEncoder` passes. Failure cases run where the fixture can cause them. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeyEncoder } from './key-encoder.js';

export interface KeyEncoderFixture {
  encoder: KeyEncoder;
  /** Empties the hopper (a real encoder: a test rig with no cards). */
  empty(): Promise<void>;
  jam(): Promise<void>;
  close(): Promise<void>;
}

export function keyEncoderContract(name: string, setup: () => Promise<KeyEncoderFixture>): void {
  describe(`KeyEncoder contract: ${name}`, () => {
    let f: KeyEncoderFixture;
    const request = { room: '801', validFrom: 1_000, validUntil: 90_000_000, requestKey: 'k-1' };
    beforeEach(async () => {
      f = await setup();
    });
    afterEach(async () => f.close());

    it('encodes a card for the room until the given time', async () => {
      const r = await f.encoder.encode(request);
      expect(r).toMatchObject({ ok: true, value: { room: '801', validUntil: 90_000_000 } });
      if (r.ok) expect(r.value.cardId).toMatch(/\S/);
    });

    it('returns the card already written for a repeated request, and a new one for a new request', async () => {
      const a = await f.encoder.encode(request);
      const again = await f.encoder.encode(request);
      const b = await f.encoder.encode({ ...request, requestKey: 'k-2' });
      expect(again).toEqual(a);
      expect(a.ok && b.ok && a.value.cardId !== b.value.cardId).toBe(true);
    });

    it('reports no blank cards, and a jam, with stable reasons', async () => {
      await f.empty();
      expect(await f.encoder.encode(request)).toEqual({ ok: false, problem: 'KEY_NO_BLANK_CARDS' });
      await f.jam();
      expect(await f.encoder.encode({ ...request, requestKey: 'k-3' })).toEqual({
        ok: false,
        problem: 'KEY_JAMMED',
      });
    });
  });
}
