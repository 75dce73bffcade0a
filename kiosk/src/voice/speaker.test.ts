import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IntentModel } from '@frontdesk/models';
import { loadNodeIntentModel } from '@frontdesk/models/node';
import { knowledgeBaseSchema, type KnowledgeBase, type Lang } from '@frontdesk/protocol';
import hotel from '../../../edge-server/demo/kb/hotel.json';
import { KioskController } from '../app/controller.js';
import { KioskStore } from '../app/store.js';
import { dict } from '../i18n/dict.js';
import { Speaker } from './speaker.js';
import { SynthesisError, type SpeakOptions, type SpeechSynthesizer } from './synthesizer.js';

/** Speaks for 100 ms per character on (fake) timers; records what was said and what was cut off. */
class FakeSpeechSynthesizer implements SpeechSynthesizer {
  readonly said: Array<{ text: string; lang: Lang; volume: number | undefined }> = [];
  readonly finished: string[] = [];
  readonly interrupted: string[] = [];
  failWith: Error | null = null;
  prepared = 0;

  prepare(): Promise<void> {
    this.prepared += 1;
    return this.failWith ? Promise.reject(this.failWith) : Promise.resolve();
  }
  private current: { text: string; timer: ReturnType<typeof setTimeout>; done: () => void } | null = null;

  speak(text: string, lang: Lang, options: SpeakOptions = {}): Promise<void> {
    this.stop();
    if (this.failWith) return Promise.reject(this.failWith);
    this.said.push({ text, lang, volume: options.volume });
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.current = null;
        this.finished.push(text);
        resolve();
      }, text.length * 100);
      this.current = { text, timer, done: resolve };
    });
  }

  stop(): void {
    if (!this.current) return;
    clearTimeout(this.current.timer);
    this.interrupted.push(this.current.text);
    this.current.done();
    this.current = null;
  }

  get speaking(): boolean {
    return this.current !== null;
  }
}

// The demo hotel's knowledge base and the trained model, as the controller's own tests use them.
const kb: KnowledgeBase = knowledgeBaseSchema.parse({ ...hotel, version: 1, updatedAt: 0 });
const faq = (intent: string) => kb.faq.find((f) => f.intent === intent && f.topic === undefined)!.answer;

let model: IntentModel;
beforeAll(async () => {
  model = await loadNodeIntentModel();
});
afterAll(async () => {
  await model.close();
});

function setup() {
  const store = new KioskStore();
  let n = 0;
  const controller = new KioskController({
    sender: { enqueue: async () => 'm' },
    model,
    dispatch: store.dispatch,
    getState: () => store.state,
    now: () => 1000,
    newId: () => `id${n++}`,
  });
  store.dispatch({ type: 'kb', kb });
  const synthesizer = new FakeSpeechSynthesizer();
  const failures: unknown[] = [];
  const speaker = new Speaker({
    getState: () => store.state,
    subscribe: (l) => store.subscribe(l),
    dispatch: store.dispatch,
    synthesizer,
    volume: () => 0.6,
    notUnderstood: (lang) => dict(lang).notUnderstood,
    onFailure: (e) => failures.push(e),
  });
  const stop = speaker.start();
  return { store, controller, synthesizer, speaker, stop, failures };
}

beforeEach(() => {
  // Only the timers the fake synthesizer uses: onnxruntime-node's async work needs the real event loop.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Speaker', () => {
  it('speaks each answer in the guest language at the set volume, and reports speaking in the state', async () => {
    const { store, controller, synthesizer } = setup();
    controller.wake();
    await controller.ask('wifi密码');
    expect(synthesizer.said).toEqual([{ text: faq('wifi').zh, lang: 'zh', volume: 0.6 }]);
    expect(store.state.speech.speaking).toBe(true);
    await vi.runAllTimersAsync();
    expect(synthesizer.finished).toEqual([faq('wifi').zh]);
    expect(store.state.speech.speaking).toBe(false);

    store.dispatch({ type: 'lang', lang: 'en' });
    await controller.ask('what time is breakfast');
    expect(synthesizer.said.at(-1)).toMatchObject({ text: faq('hotel.breakfast').en, lang: 'en' });
  });

  it('a new question interrupts the answer being spoken', async () => {
    const { store, controller, synthesizer } = setup();
    controller.wake();
    await controller.ask('wifi密码');
    await vi.advanceTimersByTimeAsync(500);
    expect(synthesizer.speaking).toBe(true);
    await controller.ask('早餐几点');
    expect(synthesizer.interrupted).toEqual([faq('wifi').zh]);
    expect(synthesizer.said.map((s) => s.text)).toEqual([faq('wifi').zh, faq('hotel.breakfast').zh]);
    await vi.runAllTimersAsync();
    expect(synthesizer.finished).toEqual([faq('hotel.breakfast').zh]);
    expect(store.state.speech.speaking).toBe(false);
  });

  it('a touch (interrupt), going idle, a screen change or muting stops it at once', async () => {
    const { store, controller, synthesizer, speaker } = setup();
    controller.wake();
    await controller.ask('wifi密码');
    speaker.interrupt();
    expect(synthesizer.speaking).toBe(false);
    expect(store.state.speech.speaking).toBe(false);

    await controller.ask('早餐');
    controller.idle();
    expect(synthesizer.speaking).toBe(false);
    expect(store.state.screen).toBe('attract');

    controller.wake();
    await controller.ask('早餐');
    await controller.requestPerson();
    expect(store.state.screen).toBe('handoff');
    expect(synthesizer.speaking).toBe(false);

    controller.wake();
    await controller.ask('早餐');
    store.dispatch({ type: 'speech.toggle' });
    expect(synthesizer.speaking).toBe(false);
    expect(synthesizer.interrupted).toHaveLength(4);
  });

  it('says nothing while muted, and a new guest starts with the device default again', async () => {
    const { store, controller, synthesizer } = setup();
    store.dispatch({ type: 'speech.default', on: true });
    controller.wake();
    store.dispatch({ type: 'speech.toggle' });
    await controller.ask('wifi密码');
    expect(synthesizer.said).toEqual([]);
    controller.idle();
    controller.wake();
    expect(store.state.speech.on).toBe(true);
    await controller.ask('wifi密码');
    expect(synthesizer.said).toHaveLength(1);
  });

  it('speaks exactly the assistant line the screen shows, also when the kiosk did not understand', async () => {
    const { store, controller, synthesizer } = setup();
    controller.wake();
    await controller.ask('qwertyuiop zxcv');
    const shown = store.state.transcript.filter((l) => l.role === 'assistant').at(-1)!.text;
    expect(synthesizer.said.map((s) => s.text)).toEqual([shown === '' ? dict('zh').notUnderstood : shown]);
  });

  it('a voice that cannot load turns the kiosk to text only, once, and does not try again', async () => {
    const { store, controller, synthesizer, failures } = setup();
    synthesizer.failWith = new SynthesisError('voice_unavailable', 'espeak-ng.wasm: HTTP 404');
    controller.wake();
    await controller.ask('wifi密码');
    await vi.runAllTimersAsync();
    expect(store.state.speech.failed).toBe(true);
    expect(store.state.speech.speaking).toBe(false);
    expect(failures).toHaveLength(1);
    await controller.ask('早餐');
    expect(failures).toHaveLength(1);
    // The answers are still on screen.
    expect(store.state.transcript.filter((l) => l.role === 'assistant')).toHaveLength(2);
  });

  it('loads the voice when a guest arrives (not while muted), and a load failure shows at once', async () => {
    const { store, controller, synthesizer } = setup();
    controller.wake();
    expect(synthesizer.prepared).toBe(1);
    controller.idle();
    store.dispatch({ type: 'speech.default', on: false });
    controller.wake();
    expect(synthesizer.prepared).toBe(1);
    controller.idle();
    store.dispatch({ type: 'speech.default', on: true });
    synthesizer.failWith = new SynthesisError('voice_unavailable', 'espeak-ng.wasm: sha256 mismatch');
    controller.wake();
    await vi.runAllTimersAsync();
    expect(store.state.speech.failed).toBe(true);
  });

  it('one failed sentence is not a failed voice', async () => {
    const { store, controller, synthesizer, failures } = setup();
    controller.wake();
    synthesizer.failWith = new SynthesisError('synthesis_failed', 'bad text');
    await controller.ask('wifi密码');
    await vi.runAllTimersAsync();
    expect(failures).toHaveLength(1);
    expect(store.state.speech.failed).toBe(false);
  });

  it('stops listening when disposed', async () => {
    const { controller, synthesizer, stop } = setup();
    stop();
    controller.wake();
    await controller.ask('wifi密码');
    expect(synthesizer.said).toEqual([]);
  });
});
