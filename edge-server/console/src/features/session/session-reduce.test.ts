import { describe, expect, it } from 'vitest';
import { LI_NA, T0, ticket, ZHAO_LEI } from '../../../test/fixtures.js';
import { reduce } from '../../app/reduce.js';
import { initialState, type ConsoleState, type Session } from '../../app/state.js';

const session = (token: string, staff = LI_NA): Session => ({
  token,
  issuedAt: T0,
  expiresAt: T0 + 1000,
  staff,
  mqttWs: 'ws://x/mqtt',
});

function working(): ConsoleState {
  let s = reduce(initialState('zh'), { type: 'signed_in', session: session('old') });
  s = reduce(s, { type: 'tickets', list: [ticket()] });
  s = reduce(s, {
    type: 'queued',
    action: { id: 'c-1', type: 'chat.send', body: { escalationId: 'e', text: 'hi' }, ts: T0 },
  });
  return reduce(s, { type: 'connection', connection: 'online' });
}

describe('a refreshed session (token refresh, password change)', () => {
  it('swaps the token and keeps the work, the outbox and the connection state', () => {
    const before = working();
    const after = reduce(before, { type: 'session_refreshed', session: session('new') });
    expect(after.session?.token).toBe('new');
    expect(after.tickets).toEqual(before.tickets);
    expect(after.pending).toEqual(before.pending);
    expect(after.chats).toEqual(before.chats);
    expect(after.signInProblem).toBeNull();
  });

  it("is ignored when nobody is signed in or it is someone else's", () => {
    const out = reduce(working(), { type: 'signed_out' });
    expect(reduce(out, { type: 'session_refreshed', session: session('new') }).session).toBeNull();
    const other = reduce(working(), { type: 'session_refreshed', session: session('new', ZHAO_LEI) });
    expect(other.session?.token).toBe('old');
  });

  it('a repair photo on a ticket arrives with ticket.updated like any change', () => {
    const s = working();
    const updated = ticket({ repairPhotoIds: ['a'.repeat(64)], updatedAt: T0 + 5 });
    const next = reduce(s, {
      type: 'server',
      message: {
        v: 1,
        id: 's',
        type: 'ticket.updated',
        from: 'edge-server',
        ts: T0,
        body: { ticket: updated },
      },
    });
    expect(next.tickets['t-1']?.repairPhotoIds).toEqual(['a'.repeat(64)]);
  });
});
