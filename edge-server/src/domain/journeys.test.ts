import { describe, expect, it } from 'vitest';
import {
  addDays,
  checkinProblem,
  checkoutProblem,
  foldName,
  localDate,
  nameHasSurname,
  sameSurname,
} from './journeys.js';

describe('names', () => {
  it('folds width, case and separators the same way everywhere', () => {
    expect(foldName('ＳＭＩＴＨ')).toBe('smith');
    expect(foldName(' Smith-Jones ')).toBe('smithjones');
    expect(foldName('阿卜杜·热合曼')).toBe('阿卜杜热合曼');
    expect(foldName(' · ')).toBe('');
  });

  // The booking lookup's cases (was `sameSurname` in systems/property-system.ts).
  it('matches a typed surname to the booked one, ignoring case, width and separators', () => {
    expect(sameSurname('王', '王')).toBe(true);
    expect(sameSurname('smith', 'Smith')).toBe(true);
    expect(sameSurname('ＳＭＩＴＨ', 'Smith')).toBe(true);
    expect(sameSurname('brown ', 'Brown')).toBe(true);
    expect(sameSurname('smith jones', 'Smith-Jones')).toBe(true);
    expect(sameSurname('李', '王')).toBe(false);
    expect(sameSurname('Smit', 'Smith')).toBe(false);
    expect(sameSurname('', '')).toBe(false);
    expect(sameSurname(' ', ' ')).toBe(false);
  });

  // The ID check's cases (was `nameMatches` in service/journeys.ts, a substring test).
  it('finds the surname as whole name parts at the start or end of the name on the ID', () => {
    expect(nameHasSurname('王芳', '王')).toBe(true);
    expect(nameHasSurname('陈静', '陈')).toBe(true);
    expect(nameHasSurname('欧阳娜娜', '欧阳')).toBe(true);
    expect(nameHasSurname('JOHN SMITH', 'Smith')).toBe(true);
    expect(nameHasSurname('SMITH JOHN', 'smith')).toBe(true);
    expect(nameHasSurname('ＳＭＩＴＨ ＪＯＨＮ', 'Smith')).toBe(true);
    expect(nameHasSurname('Mary Smith-Jones', 'Smith-Jones')).toBe(true);
    expect(nameHasSurname('阿卜杜·热合曼', '阿卜杜')).toBe(true);
    expect(nameHasSurname('Someone Else', 'Smith')).toBe(false);
    expect(nameHasSurname('王芳', '')).toBe(false);
    expect(nameHasSurname('', '王')).toBe(false);
  });

  it('is stricter than a substring: a surname inside another name part is no match', () => {
    expect(nameHasSurname('王李', '李')).toBe(false);
    expect(nameHasSurname('JOHN SMITHERS', 'Smith')).toBe(false);
    expect(nameHasSurname('BLACKSMITH JOHN', 'Smith')).toBe(false);
    expect(nameHasSurname('JOHN SMITH WEBB', 'Smith')).toBe(false);
  });
});

describe('dates', () => {
  // Moved from systems/simulated-systems.test.ts.
  it('computes the local date at the site offset, and adds days', () => {
    expect(localDate(Date.parse('2026-12-01T17:00:00Z'), 480)).toBe('2026-12-02');
    expect(localDate(Date.parse('2026-12-01T15:59:00Z'), 480)).toBe('2026-12-01');
    expect(localDate(Date.parse('2026-12-01T00:30:00Z'), -60)).toBe('2026-11-30');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('check-in and check-out eligibility', () => {
  const stay = { status: 'booked' as const, arrival: '2026-12-01', departure: '2026-12-03' };

  it('checks in on the arrival day and during the stay, not before it or on departure', () => {
    expect(checkinProblem(stay, '2026-12-01')).toBeNull();
    expect(checkinProblem(stay, '2026-12-02')).toBeNull();
    expect(checkinProblem(stay, '2026-11-30')).toBe('NOT_ARRIVAL_DAY');
    expect(checkinProblem(stay, '2026-12-03')).toBe('NOT_ARRIVAL_DAY');
  });

  it('says why a booking in another state cannot be checked in or out', () => {
    expect(checkinProblem({ ...stay, status: 'cancelled' }, '2026-12-01')).toBe('BOOKING_CANCELLED');
    expect(checkinProblem({ ...stay, status: 'checked_in' }, '2026-12-01')).toBe('ALREADY_CHECKED_IN');
    expect(checkinProblem({ ...stay, status: 'checked_out' }, '2026-12-01')).toBe('ALREADY_CHECKED_OUT');
    expect(checkoutProblem({ status: 'checked_in', room: { number: '803' } })).toBeNull();
    expect(checkoutProblem({ status: 'checked_in', room: null })).toBe('NOT_CHECKED_IN');
    expect(checkoutProblem({ status: 'booked', room: null })).toBe('NOT_CHECKED_IN');
    expect(checkoutProblem({ status: 'checked_out', room: null })).toBe('ALREADY_CHECKED_OUT');
    expect(checkoutProblem({ status: 'cancelled', room: null })).toBe('BOOKING_CANCELLED');
  });
});
