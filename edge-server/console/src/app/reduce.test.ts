import type { DownMessage } from '@frontdesk/protocol';
import { describe, expect, it } from 'vitest';
import { escalation, LI_NA, T0, ticket } from '../../test/fixtures.js';
import { reduce } from './reduce.js';
import { initialState, type ConsoleEvent, type ConsoleState, type PendingAction } from './state.js';

const server = (type: string, body: unknown): ConsoleEvent => ({
  type: 'server',
  message: { v: 1, id: `s-${type}`, type, from: 'edge-server', ts: T0, body } as DownMessage,
});

function signedIn(): ConsoleState {
  return reduce(initialState('zh'), {
    type: 'signed_in',
    session: { token: 'tok', expiresAt: T0 + 1000, staff: LI_NA, mqttWs: 'ws://x/mqtt' },
  });
}

const fold = (state: ConsoleState, ...events: ConsoleEvent[]) => events.reduce(reduce, state);
const action = (id: string, type: PendingAction['type'], body: Record<string, unknown>): ConsoleEvent => ({
  type: 'queued',
  action: { id, type, body, ts: T0 },
});

describe('console reducer', () => {
  it('a lost claim (CONFLICT on the claim) is remembered for the item; the pending claim is settled', () => {
    const s = fold(
      signedIn(),
      server('escalation.offered', { escalation: escalation() }),
      action('c-1', 'escalation.claim', { escalationId: 'esc-1' }),
    );
    expect(s.pending.map((p) => p.id)).toEqual(['c-1']);
    const lost = reduce(
      s,
      server('error', {
        code: 'CONFLICT',
        message: 'already claimed',
        messageZh: '已被他人处理。',
        ref: 'c-1',
      }),
    );
    expect(lost.pending).toEqual([]);
    expect(lost.lostClaims).toEqual(['esc-1']);
    // Claiming again (a released escalation) clears it.
    expect(reduce(lost, action('c-2', 'escalation.claim', { escalationId: 'esc-1' })).lostClaims).toEqual([]);
  });

  it('a lost claim names who won from the error details: the item shows them as its assignee', () => {
    const s = fold(
      signedIn(),
      server('escalation.offered', { escalation: escalation() }),
      action('c-1', 'escalation.claim', { escalationId: 'esc-1' }),
      server('error', {
        code: 'CONFLICT',
        message: 'already claimed',
        messageZh: '已被他人处理。',
        ref: 'c-1',
        details: { assignee: { id: 'wang-wei', name: '王伟' } },
      }),
    );
    expect(s.escalations['esc-1']).toMatchObject({
      status: 'claimed',
      assignee: { id: 'wang-wei', name: '王伟' },
    });
    expect(s.lostClaims).toEqual(['esc-1']);
  });

  it('a transfer away from me takes the item off my offers; ticket.updated replaces the ticket', () => {
    const s = fold(
      signedIn(),
      server('escalation.offered', { escalation: escalation() }),
      server('escalation.staff_updated', {
        escalation: escalation({ assignee: { id: 'wang-wei', name: '王伟' }, status: 'claimed' }),
        event: 'transferred',
      }),
      server('ticket.updated', { ticket: ticket({ status: 'in_progress', updatedAt: T0 + 5 }) }),
    );
    expect(s.offered).toEqual([]);
    expect(s.tickets['t-1']?.status).toBe('in_progress');
  });

  it('presence.set with place null clears my place; without a place keeps it', () => {
    const placed = fold(signedIn(), action('p-1', 'presence.set', { onDuty: true, place: 'h-lobby' }));
    expect(placed.place).toBe('h-lobby');
    expect(reduce(placed, action('p-2', 'presence.set', { onDuty: true })).place).toBe('h-lobby');
    expect(reduce(placed, action('p-3', 'presence.set', { onDuty: false, place: null })).place).toBeNull();
  });

  it('another error on a claim is not a lost race', () => {
    const s = fold(
      signedIn(),
      action('c-1', 'escalation.claim', { escalationId: 'esc-1' }),
      server('error', { code: 'NOT_FOUND', message: 'no', messageZh: '未找到。', ref: 'c-1' }),
    );
    expect(s.lostClaims).toEqual([]);
    expect(s.lastRejection?.code).toBe('NOT_FOUND');
  });

  it('my chat line shows at once as pending, and settles on the ack (or is marked failed on an error)', () => {
    const s = fold(signedIn(), action('m-1', 'chat.send', { escalationId: 'esc-1', text: '您好' }));
    expect(s.chats['esc-1']).toEqual([
      { id: 'm-1', from: 'staff', name: '李娜', text: '您好', at: T0, pending: true },
    ]);
    const acked = reduce(s, server('ack', { ref: 'm-1', duplicate: false, entityId: 'esc-1' }));
    expect(acked.chats['esc-1']![0]).toMatchObject({ pending: false });
    expect(acked.chats['esc-1']![0]!.failed).toBeUndefined();
    const refused = reduce(
      s,
      server('error', {
        code: 'FORBIDDEN',
        message: 'claim first',
        messageZh: '您无权执行此操作。',
        ref: 'm-1',
      }),
    );
    expect(refused.chats['esc-1']![0]).toMatchObject({ pending: false, failed: true, text: '您好' });
  });

  it('guest messages are appended once, however often they are delivered', () => {
    const msg = {
      escalationId: 'esc-1',
      messageId: 'g-1',
      from: 'guest',
      name: null,
      text: '房卡坏了',
      at: T0,
    };
    const s = fold(signedIn(), server('chat.message', msg), server('chat.message', msg));
    expect(s.chats['esc-1']!.map((l) => l.text)).toEqual(['房卡坏了']);
  });

  it('server history replaces the chat but keeps my lines still waiting to be sent', () => {
    const s = fold(signedIn(), action('m-2', 'chat.send', { escalationId: 'esc-1', text: 'pending' }), {
      type: 'chat_history',
      escalationId: 'esc-1',
      lines: [{ id: 'g-1', from: 'guest', name: null, text: 'hi', at: T0 - 1 }],
    });
    expect(s.chats['esc-1']!.map((l) => l.id)).toEqual(['g-1', 'm-2']);
  });

  it('an offer withdrawn (claimed by someone else, re-escalated away) leaves my offers', () => {
    let s = reduce(signedIn(), server('escalation.offered', { escalation: escalation() }));
    expect(s.offered).toEqual(['esc-1']);
    s = reduce(
      s,
      server('escalation.staff_updated', {
        escalation: escalation({ status: 'claimed', assignee: { id: 'wang-wei', name: '王伟' } }),
        event: 'claimed',
      }),
    );
    expect(s.offered).toEqual([]);
    expect(s.escalations['esc-1']?.assignee?.name).toBe('王伟');
  });

  it('a ticket status change shows at once (optimistic) with its note', () => {
    const s = fold(
      signedIn(),
      server('ticket.assigned', { ticket: ticket() }),
      action('t-u', 'ticket.update', { ticketId: 't-1', status: 'in_progress', note: '在路上' }),
    );
    expect(s.tickets['t-1']).toMatchObject({ status: 'in_progress', note: '在路上' });
    expect(s.pending).toHaveLength(1);
  });

  it('an expired session goes back to sign-in with the id kept and the pending actions on screen', () => {
    const s = fold(signedIn(), action('m-1', 'chat.send', { escalationId: 'esc-1', text: 'x' }), {
      type: 'session_expired',
    });
    expect(s.session).toBeNull();
    expect(s.signInProblem).toBe('expired');
    expect(s.signInId).toBe('li-na');
    expect(s.pending).toHaveLength(1);
    // Signing out on purpose forgets what was on screen.
    expect(reduce(s, { type: 'signed_out' })).toMatchObject({ pending: [], signInProblem: null });
  });

  it('the queue snapshot feeds the board and the escalations', () => {
    const snapshot = { site: 'grand-hotel', escalations: [escalation({ id: 'esc-9' })], staff: [] };
    const s = reduce(signedIn(), server('queue.snapshot', snapshot));
    expect(s.queue).toEqual(snapshot);
    expect(Object.keys(s.escalations)).toEqual(['esc-9']);
  });

  it('a full list of open items drops the open ones it no longer has (closed while we were not told)', () => {
    const s = fold(
      signedIn(),
      { type: 'escalations', list: [escalation({ id: 'gone' }), escalation({ id: 'kept' })] },
      { type: 'escalations', list: [escalation({ id: 'old', status: 'resolved' })] },
      { type: 'tickets', list: [ticket({ id: 't-gone' })] },
    );
    const next = fold(
      s,
      { type: 'escalations', list: [escalation({ id: 'kept' })], open: true },
      { type: 'tickets', list: [], open: true },
    );
    expect(Object.keys(next.escalations).sort()).toEqual(['kept', 'old']);
    expect(next.tickets).toEqual({});
    // A partial list (not `open`) only adds.
    expect(Object.keys(fold(s, { type: 'escalations', list: [] }).escalations)).toHaveLength(3);
  });

  it('a stale list never reopens a closed escalation or rolls a ticket back', () => {
    const s = fold(
      signedIn(),
      server('escalation.staff_updated', {
        escalation: escalation({ status: 'resolved' }),
        event: 'resolved',
      }),
      server('ticket.assigned', { ticket: ticket({ status: 'in_progress', updatedAt: T0 + 10 }) }),
      { type: 'escalations', list: [escalation({ status: 'claimed' })] },
      { type: 'tickets', list: [ticket({ status: 'assigned', updatedAt: T0 })] },
    );
    expect(s.escalations['esc-1']?.status).toBe('resolved');
    expect(s.tickets['t-1']?.status).toBe('in_progress');
  });

  it('chat echo: my own line echoed back is not shown twice, before or after the ack; my other handheld’s and a supervisor’s lines are added', () => {
    const echo = (messageId: string, name: string, text: string) =>
      server('chat.message', { escalationId: 'esc-1', messageId, from: 'staff', name, text, at: T0 + 1 });
    const s = fold(
      signedIn(),
      action('m-1', 'chat.send', { escalationId: 'esc-1', text: '您好' }),
      echo('m-1', '李娜', '您好'),
    );
    expect(s.chats['esc-1']).toHaveLength(1);
    expect(s.chats['esc-1']![0]).toMatchObject({ id: 'm-1', pending: true });
    const acked = fold(
      s,
      server('ack', { ref: 'm-1', duplicate: false, entityId: 'esc-1' }),
      echo('m-1', '李娜', '您好'),
      echo('m-other', '李娜', '从另一台手持终端发出'),
      echo('m-zhao', '赵磊', '我是值班主管'),
      echo('m-zhao', '赵磊', '我是值班主管'),
    );
    expect(acked.chats['esc-1']!.map((l) => [l.id, l.name, l.pending ?? false])).toEqual([
      ['m-1', '李娜', false],
      ['m-other', '李娜', false],
      ['m-zhao', '赵磊', false],
    ]);
  });

  it('the queue snapshot keeps its tickets for the board and leaves my ticket list alone', () => {
    const boardTicket = {
      id: 't-9',
      status: 'open',
      category: 'plumbing',
      skill: 'maintenance',
      priority: 'high',
      assignee: null,
      dueAt: T0 + 60_000,
      unstaffed: true,
      escalated: false,
      createdAt: T0,
      updatedAt: T0,
    };
    const s = fold(
      signedIn(),
      server('ticket.assigned', { ticket: ticket() }),
      server('queue.snapshot', { site: 'grand-hotel', escalations: [], tickets: [boardTicket], staff: [] }),
    );
    expect(s.queue?.tickets).toEqual([boardTicket]);
    expect(Object.keys(s.tickets)).toEqual([ticket().id]);
  });
});
