/**
 * Issue 18, fuzzing (fast-check): whatever bytes arrive on an `up` topic, the codec answers with a
 * message or a coded rejection, never an exception; and nothing it accepts carries a character the
 * wire refuses (controls, bidi overrides, lone surrogates, noncharacters) in any string, ids included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeDeviceUp, decodeStaffUp, type Decoded } from './codec.js';
import { ERROR_CODES } from './errors.js';
import { deviceUpBodies, staffUpBodies } from './messages.js';
import { hostileTextReason } from './safe-text.js';

const HOSTILE = [
  '\u0000',
  '\u001b[31m',
  '\r',
  '\u202e',
  '\u2066',
  '\ud800',
  '\udfff',
  '\ufffe',
  '\uffff',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '%00',
  '13812345678',
  '110101199003071234',
  '💥'.repeat(100),
  'x'.repeat(5000),
];

/** Strings that are likely to break something: any code unit, hostile fragments, very long ones. */
const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'binary-ascii', maxLength: 40 }),
  fc.constantFrom(...HOSTILE),
  fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...HOSTILE)).map(([a, b]) => a + b),
);

/** Any JSON-like value, strings hostile. */
const jsonish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

const idLike = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), hostileString);

/** A body built from a real schema's keys, each value replaced by something arbitrary or hostile. */
function bodyFor(keys: string[]) {
  return fc.record(Object.fromEntries(keys.map((k) => [k, fc.oneof(jsonish, idLike)])), {
    requiredKeys: [],
  });
}

function envelopes(bodies: Record<string, { shape?: Record<string, unknown> }>, from: fc.Arbitrary<string>) {
  const types = Object.keys(bodies);
  return fc.constantFrom(...types).chain((type) =>
    fc.record({
      v: fc.oneof(fc.constant(1), jsonish),
      id: idLike,
      type: fc.oneof(fc.constant(type), hostileString),
      from,
      ts: fc.oneof(fc.integer({ min: 0 }), jsonish),
      body: fc.oneof(bodyFor(Object.keys(bodies[type]?.shape ?? {})), jsonish),
    }),
  );
}

/** Raw payloads: JSON of an envelope, cut short, as bytes with invalid UTF-8, or anything at all. */
function payloads(envelope: fc.Arbitrary<Record<string, unknown>>) {
  return fc.oneof(
    envelope.map((e) => JSON.stringify(e)),
    fc.tuple(envelope, fc.nat()).map(([e, n]) => {
      const s = JSON.stringify(e);
      return s.slice(0, n % (s.length + 1));
    }),
    fc.uint8Array({ maxLength: 200 }),
    jsonish.map((v) => JSON.stringify(v) ?? 'undefined'),
  );
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      strings(v, out);
    }
  return out;
}

function checkDecoded(decoded: Decoded<unknown>): void {
  if (decoded.ok) {
    const bad = strings(decoded.message).filter((s) => hostileTextReason(s, true) !== null);
    expect(bad).toEqual([]);
  } else {
    expect(ERROR_CODES).toContain(decoded.code);
    expect(decoded.reason.length).toBeGreaterThan(0);
  }
}

describe('codec under fuzzing (issue 18)', () => {
  it('answers every device payload with a message or a coded rejection, and lets no hostile text in', () => {
    fc.assert(
      fc.property(payloads(envelopes(deviceUpBodies, fc.constant('kiosk-1'))), (payload) => {
        checkDecoded(decodeDeviceUp(payload));
      }),
      { numRuns: 3000 },
    );
  });

  it('does the same for every staff payload', () => {
    fc.assert(
      fc.property(payloads(envelopes(staffUpBodies, fc.constant('li-na'))), (payload) => {
        checkDecoded(decodeStaffUp(payload));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps hostile text out of messages that are otherwise valid (accepted and refused both reached)', () => {
    const seen = { ok: 0, refused: 0 };
    const text = fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), hostileString);
    const chat = fc.record({ escalationId: fc.stringMatching(/^[a-z0-9-]{1,20}$/), text });
    const raise = fc.record({
      escalationId: fc.stringMatching(/^[a-z0-9-]{1,20}$/),
      conversationId: fc.stringMatching(/^[a-z0-9-]{1,20}$/),
      trigger: fc.constant('asked_for_person'),
      lang: fc.constantFrom('zh', 'en'),
      summary: text,
      place: fc.option(text, { nil: undefined }),
    });
    const message = fc.oneof(
      chat.map((body) => ({ type: 'chat.send', body })),
      raise.map((body) => ({ type: 'escalation.raise', body })),
    );
    fc.assert(
      fc.property(message, ({ type, body }) => {
        const decoded = decodeDeviceUp(
          JSON.stringify({ v: 1, id: 'm-1', type, from: 'kiosk-1', ts: 1, body }),
        );
        checkDecoded(decoded);
        seen[decoded.ok ? 'ok' : 'refused']++;
      }),
      { numRuns: 2000 },
    );
    expect(seen.ok).toBeGreaterThan(100);
    expect(seen.refused).toBeGreaterThan(100);
  });

  it('accepts a real envelope after all that (the generators reach the schemas)', () => {
    const ok = decodeStaffUp(
      JSON.stringify({
        v: 1,
        id: 'm-1',
        type: 'escalation.claim',
        from: 'li-na',
        ts: 1,
        body: { escalationId: 'e-1' },
      }),
    );
    expect(ok.ok).toBe(true);
  });
});
