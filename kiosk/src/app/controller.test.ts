import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IntentModel } from '@frontdesk/models';
import { loadNodeIntentModel } from '@frontdesk/models/node';
import { knowledgeBaseSchema, type KnowledgeBase } from '@frontdesk/protocol';
import hotel from '../../../edge-server/demo/kb/hotel.json';
import { KioskController } from './controller.js';
import type { KioskEvent } from './state.js';
import { KioskStore } from './store.js';

// The demo hotel's knowledge base and the trained model (onnxruntime-node here; the same file runs in
// onnxruntime-web in the kiosk's worker): the controller is tested on the real understanding path.
const kb: KnowledgeBase = knowledgeBaseSchema.parse({ ...hotel, version: 1, updatedAt: 0 });

let real: IntentModel;
beforeAll(async () => {
  real = await loadNodeIntentModel();
});
afterAll(async () => {
  await real.close();
});

/** `holdWrites`: the outbox's writes wait until `release()` (a slow IndexedDB on a busy kiosk). */
function setup(options: { model?: IntentModel; holdWrites?: boolean } = {}) {
  const store = new KioskStore();
  const events: KioskEvent[] = [];
  const requests: Array<{ type: string; body: Record<string, unknown> }> = [];
  const held: Array<() => void> = [];
  let n = 0;
  let clock = 1000;
  const controller = new KioskController({
    sender: {
      enqueue: async (type, body) => {
        requests.push({ type, body: body as Record<string, unknown> });
        const id = `m${requests.length}`;
        if (options.holdWrites) await new Promise<void>((written) => held.push(written));
        return id;
      },
    },
    model: options.model ?? real,
    dispatch: (event) => {
      events.push(event);
      store.dispatch(event);
    },
    getState: () => store.state,
    now: () => (clock += 1000),
    newId: () => `id${n++}`,
  });
  store.dispatch({ type: 'kb', kb });
  const release = () => {
    for (const written of held.splice(0)) written();
  };
  return { store, controller, requests, events, release };
}

const lastAnswer = (store: KioskStore) =>
  store.state.transcript.filter((l) => l.role === 'assistant').at(-1)?.text ?? null;
const faq = (intent: string, topic?: string) =>
  kb.faq.find((f) => f.intent === intent && f.topic === topic)!.answer;

describe('KioskController', () => {
  it('answers with the model and the KB, and records both turns through the outbox', async () => {
    const { store, controller, requests } = setup();
    controller.wake();
    await controller.ask('wifi密码');
    expect(store.state.transcript.map((l) => l.text)).toEqual(['wifi密码', faq('wifi').zh]);
    expect((requests[0]!.body.turn as { intent: string }).intent).toBe('wifi');
    expect(requests.map((r) => [r.type, (r.body.turn as { role: string }).role, r.body.answered])).toEqual([
      ['conversation.turn', 'guest', true],
      ['conversation.turn', 'assistant', true],
    ]);
    const turn = requests[0]!.body.turn as { confidence: number };
    expect(turn.confidence).toBeGreaterThan(0.5);
  });

  it('shows the answer without waiting for the guest turn to be written, turns still in order', async () => {
    const { store, controller, requests, release } = setup({ holdWrites: true });
    controller.wake();
    const asked = controller.ask('wifi密码');
    // The guest's turn is still being written (held): the answer is on screen all the same.
    await vi.waitFor(() => expect(lastAnswer(store)).toBe(faq('wifi').zh), { timeout: 5000 });
    expect(requests.map((r) => (r.body.turn as { role: string }).role)).toEqual(['guest', 'assistant']);
    release();
    await asked;
  });

  it('keeps the topic across turns: "what about the pool?" after a gym question', async () => {
    const { store, controller } = setup();
    controller.wake();
    store.dispatch({ type: 'lang', lang: 'en' });
    await controller.ask('what time does the gym open');
    expect(lastAnswer(store)).toBe(faq('hotel.facilities', 'gym').en);
    await controller.ask('what about the pool?');
    expect(lastAnswer(store)).toBe(faq('hotel.facilities', 'pool').en);
    expect(store.state.dialogue.policy.turns).toBe(2);
  });

  it('raises an emergency at once, with the emergency trigger and department', async () => {
    const { store, controller, requests } = setup();
    controller.wake();
    await controller.ask('有人晕倒了 快叫救护车');
    expect(store.state.screen).toBe('handoff');
    const raise = requests.find((r) => r.type === 'escalation.raise');
    expect(raise?.body).toMatchObject({ trigger: 'emergency', intent: 'emergency', lang: 'zh' });
  });

  it('offers a person on negative sentiment and sends the sentiment with the request', async () => {
    const { store, controller, requests } = setup();
    controller.wake();
    store.dispatch({ type: 'lang', lang: 'en' });
    await controller.ask('this is ridiculous, the wifi password you gave me does not work at all');
    expect(store.state.dialogue.sentiment).toBe('negative');
    expect(store.state.dialogue.offerPerson).toBe(true);
    await controller.requestPerson();
    const raise = requests.find((r) => r.type === 'escalation.raise');
    expect(raise?.body).toMatchObject({ trigger: 'asked_for_person', sentiment: 'negative' });
  });

  it('clarifies with buttons; a pick answers it, "none of these" hands over', async () => {
    const { store, controller, requests } = setup();
    controller.wake();
    store.dispatch({ type: 'lang', lang: 'en' });
    await controller.ask('i need info on breakfast and the car park');
    expect(store.state.clarify).toEqual(expect.arrayContaining(['hotel.breakfast', 'parking']));
    await controller.choose('hotel.breakfast');
    expect(store.state.clarify).toEqual([]);
    expect(lastAnswer(store)).toBe(faq('hotel.breakfast').en);

    await controller.ask('i need info on breakfast and the car park');
    expect(store.state.clarify?.length).toBeGreaterThanOrEqual(2);
    await controller.noneOfThese();
    expect(store.state.screen).toBe('handoff');
    expect(requests.find((r) => r.type === 'escalation.raise')?.body).toMatchObject({ trigger: 'no_answer' });
  });

  it('hands over after three turns without an answer', async () => {
    const { store, controller, requests } = setup();
    controller.wake();
    for (const q of ['今天天气怎么样', '股票会涨吗', '给我讲个笑话']) {
      if (store.state.screen === 'ask') await controller.ask(q);
    }
    expect(store.state.screen).toBe('handoff');
    const raise = requests.find((r) => r.type === 'escalation.raise');
    expect(raise?.body).toMatchObject({ trigger: 'no_answer', lang: 'zh' });
    expect((raise?.body.transcript as unknown[]).length).toBeGreaterThanOrEqual(5);
  });

  it('starts a flow: the journey screen that owns it takes the guest on', async () => {
    const { store, controller, events } = setup();
    controller.wake();
    await controller.ask('我要办理入住');
    expect(events.filter((e) => e.type === 'flow')).toEqual([
      expect.objectContaining({ type: 'flow', flow: 'checkin', department: null }),
    ]);
    expect(store.state.screen).toBe('checkin');
    expect(store.state.checkin).not.toBeNull();
  });

  it('says plainly that the model is unavailable, and "talk to a person" still works', async () => {
    const broken: IntentModel = {
      classify: () => Promise.reject(new Error('ASSET_SHA256_MISMATCH')),
      close: async () => {},
    };
    const { store, controller, requests } = setup({ model: broken });
    controller.wake();
    await controller.ask('wifi');
    expect(lastAnswer(store)).toMatch(/语言理解模型未能加载/);
    expect(store.state.dialogue.offerPerson).toBe(true);
    await controller.requestPerson();
    expect(requests.at(-1)?.type).toBe('escalation.raise');
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
