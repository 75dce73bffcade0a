import { describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '@frontdesk/protocol';
import { KeywordIntentModel } from '../pipeline/keyword-intent-model.js';
import { KioskController } from './controller.js';
import { KioskStore } from './store.js';

const kb = {
  site: 'grand-hotel',
  version: 1,
  faq: [{ intent: 'wifi', answer: { zh: '密码 yunqi2026', en: 'password yunqi2026' } }],
} as KnowledgeBase;

function setup() {
  const store = new KioskStore();
  const requests: Array<{ type: string; body: Record<string, unknown> }> = [];
  let n = 0;
  const controller = new KioskController({
    sender: {
      enqueue: async (type, body) => {
        requests.push({ type, body: body as Record<string, unknown> });
        return `m${requests.length}`;
      },
    },
    model: new KeywordIntentModel(),
    dispatch: store.dispatch,
    getState: () => store.state,
    now: () => 1000,
    newId: () => `id${n++}`,
  });
  store.dispatch({ type: 'kb', kb });
  return { store, controller, requests };
}

describe('KioskController', () => {
  it('answers, and records both turns of the conversation through the outbox', async () => {
    const { store, controller, requests } = setup();
    controller.wake();
    await controller.ask('wifi密码');
    expect(store.state.transcript.map((l) => l.text)).toEqual(['wifi密码', '密码 yunqi2026']);
    expect(requests.map((r) => [r.type, (r.body.turn as { role: string }).role, r.body.answered])).toEqual([
      ['conversation.turn', 'guest', true],
      ['conversation.turn', 'assistant', true],
    ]);
  });

  it('raises an escalation with the transcript after the third unanswered question', async () => {
    const { store, controller, requests } = setup();
    controller.wake();
    for (const q of ['嗯', '啊', '哦']) await controller.ask(q);
    expect(store.state.screen).toBe('handoff');
    const raise = requests.find((r) => r.type === 'escalation.raise');
    expect(raise?.body).toMatchObject({ trigger: 'no_answer', lang: 'zh', summary: '哦' });
    // Three questions and the two misses before the hand-over.
    expect((raise?.body.transcript as unknown[]).length).toBe(5);
  });

  it('sends chat to the escalation and a rating at the end', async () => {
    const { store, controller, requests } = setup();
    controller.wake();
    await controller.requestPerson();
    const escalationId = store.state.handoff!.id;
    await controller.sendChat('  hello  ');
    controller.finish();
    await controller.rate(4);
    await controller.rate(5);
    expect(requests.map((r) => r.type)).toEqual([
      'escalation.raise',
      'chat.send',
      'escalation.cancel',
      'rating.submit',
    ]);
    expect(requests[1]!.body).toEqual({ escalationId, text: 'hello' });
    // Nobody had claimed it: finishing withdraws the request.
    expect(requests[2]!.body).toMatchObject({ escalationId });
    expect(requests[3]!.body).toMatchObject({ score: 4, conversationId: store.state.conversationId });
  });

  it('leaves a claimed request alone when the kiosk goes idle', async () => {
    const { store, controller, requests } = setup();
    controller.wake();
    await controller.requestPerson();
    const id = store.state.handoff!.id;
    store.dispatch({ type: 'handoff_acked', requestedId: id, escalationId: id });
    store.dispatch({
      type: 'escalation.updated',
      body: {
        escalation: {
          id,
          status: 'claimed',
          priority: 'routine',
          position: null,
          assignee: { id: 'li-na', name: '李娜' },
          createdAt: 0,
        },
      },
    });
    controller.idle();
    expect(requests.map((r) => r.type)).toEqual(['escalation.raise']);
    expect(store.state.screen).toBe('attract');
  });
});
