import { describe, expect, it } from 'vitest';
import { PASSWORD_MIN_LENGTH, passwordProblem } from './password.js';

describe('the staff password rule', () => {
  const who = { id: 'front-desk-01', current: 'the-old-password' };

  it('wants at least 10 characters, counting characters rather than UTF-16 units', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(10);
    expect(passwordProblem('123456789', who)).toBe('too_short');
    expect(passwordProblem('1234567890', who)).toBeNull();
    // 9 astral characters are 18 UTF-16 units, still too short; 10 Chinese characters will do.
    expect(passwordProblem('😀'.repeat(9), who)).toBe('too_short');
    expect(passwordProblem('我的新密码是很长的', who)).toBe('too_short');
    expect(passwordProblem('我的新密码是很长的啊', who)).toBeNull();
    expect(passwordProblem('x'.repeat(257), who)).toBe('too_long');
  });

  it('refuses the id (in any case, with spaces around) and the current password', () => {
    expect(passwordProblem('front-desk-01', who)).toBe('same_as_id');
    expect(passwordProblem(' FRONT-DESK-01 ', who)).toBe('same_as_id');
    expect(passwordProblem('the-old-password', who)).toBe('same_as_current');
    expect(passwordProblem('the-old-password!', who)).toBeNull();
  });
});
