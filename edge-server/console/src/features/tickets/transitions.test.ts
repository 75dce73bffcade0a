import { describe, expect, it } from 'vitest';
// The server's rules, so the buttons cannot drift from what it accepts (a test-only import).
import { TICKET_TRANSITIONS } from '../../../../src/domain/tickets.js';
import { nextStatuses } from './transitions.js';

describe('ticket status buttons', () => {
  it("offer exactly the server's transitions a member of staff may ask for (all but back to open)", () => {
    for (const [from, to] of Object.entries(TICKET_TRANSITIONS))
      expect(nextStatuses(from as keyof typeof TICKET_TRANSITIONS).sort()).toEqual(
        to.filter((s) => s !== 'open').sort(),
      );
  });
});
