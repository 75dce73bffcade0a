import { describe, expect, it } from 'vitest';
import { passwordFormProblem, passwordRefusal, refreshDelayMs } from './account.js';

const HOUR = 60 * 60 * 1000;

describe('session refresh timing', () => {
  const session = { issuedAt: 0, expiresAt: 12 * HOUR };
  it('waits until three quarters of the life have passed', () => {
    expect(refreshDelayMs(session, 0)).toBe(9 * HOUR);
    expect(refreshDelayMs(session, 8 * HOUR)).toBe(HOUR);
  });
  it('refreshes at once on resume when less than a quarter is left', () => {
    expect(refreshDelayMs(session, 9 * HOUR)).toBe(0);
    expect(refreshDelayMs(session, 11.5 * HOUR)).toBe(0);
  });
  it('takes a session saved without issuedAt as a twelve-hour one', () => {
    expect(refreshDelayMs({ expiresAt: 20 * HOUR }, 8 * HOUR)).toBe(9 * HOUR);
    expect(refreshDelayMs({ expiresAt: 20 * HOUR }, 18 * HOUR)).toBe(0);
  });
});

describe('the password form', () => {
  const form = { current: 'demo-front-1', next: 'a-new-password', repeat: 'a-new-password' };
  it('needs the current and the new password, typed twice alike', () => {
    expect(passwordFormProblem(form, 'li-na')).toBeNull();
    expect(passwordFormProblem({ ...form, current: '' }, 'li-na')).toBe('missing');
    expect(passwordFormProblem({ ...form, repeat: 'a-new-passwore' }, 'li-na')).toBe('mismatch');
  });
  it("follows the server's rule: 10 characters, not the id, not the current one", () => {
    expect(passwordFormProblem({ ...form, next: 'short', repeat: 'short' }, 'li-na')).toBe('too_short');
    const id = 'front-desk-01';
    expect(passwordFormProblem({ ...form, next: id, repeat: id }, id)).toBe('same_as_id');
    const same = { ...form, next: form.current, repeat: form.current };
    expect(passwordFormProblem(same, 'li-na')).toBe('same_as_current');
  });
  it("turns the server's refusals into what the screen says", () => {
    expect(passwordRefusal('WRONG_PASSWORD', undefined)).toEqual({ ok: false, problem: 'WRONG_PASSWORD' });
    expect(passwordRefusal('WEAK_PASSWORD', { problem: 'same_as_id' })).toEqual({
      ok: false,
      problem: 'same_as_id',
    });
    expect(passwordRefusal('WEAK_PASSWORD', { problem: 'nonsense' })).toEqual({
      ok: false,
      problem: 'too_short',
    });
    expect(passwordRefusal('RATE_LIMITED', undefined)).toEqual({ ok: false, problem: 'RATE_LIMITED' });
    expect(passwordRefusal('NETWORK', undefined)).toEqual({ ok: false, problem: 'network' });
  });
});
