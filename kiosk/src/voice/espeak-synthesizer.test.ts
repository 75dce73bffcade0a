import { describe, expect, it } from 'vitest';
import type { Lang } from '@frontdesk/protocol';
import { fakeWorker, type FakeWorker } from '../../test/fake-worker.js';
import type { AudioOut } from './audio-out.js';
import type { EspeakAudio, EspeakWorkerApi } from './espeak-protocol.js';
import { EspeakSpeechSynthesizer } from './espeak-synthesizer.js';
import { SynthesisError } from './synthesizer.js';

/** An espeak-ng worker that answers each piece when told to, so the test controls the order of events. */
class FakeEspeak {
  static initFails = false;
  readonly requests: Array<{ text: string; lang: Lang; answer(audio: EspeakAudio): void }> = [];
  readonly worker: FakeWorker;
  constructor() {
    const api: EspeakWorkerApi = {
      init: async () =>
        FakeEspeak.initFails ? { type: 'failed', message: 'CompileError' } : { type: 'ready' },
      synthesize: (text, lang) => new Promise((answer) => this.requests.push({ text, lang, answer })),
    };
    this.worker = fakeWorker(api);
  }
  get terminated(): boolean {
    return this.worker.terminated;
  }
  crash(): void {
    this.worker.crash('out of memory');
  }
  /** Answers the `n`-th request (from 1) with `samples` samples. */
  answer(n: number, samples = 100): void {
    this.requests[n - 1]!.answer({
      type: 'audio',
      samples: new Float32Array(samples).fill(0.1),
      sampleRate: 22050,
      synthMs: 5,
    });
  }
}

/** Plays until `finish()` is called or the signal aborts. */
class FakeAudio implements AudioOut {
  readonly played: Array<{ samples: number; volume: number }> = [];
  private finishCurrent: (() => void) | null = null;
  play(samples: Float32Array, _rate: number, volume: number, signal: AbortSignal): Promise<void> {
    this.played.push({ samples: samples.length, volume });
    return new Promise((resolve) => {
      this.finishCurrent = resolve;
      signal.addEventListener('abort', () => resolve(), { once: true });
    });
  }
  finish(): void {
    this.finishCurrent?.();
  }
}

/** Messages cross a MessageChannel: a few turns of the event loop. */
const tick = async () => {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
};

function setup(
  loadFiles = async () => ({ glue: new ArrayBuffer(8), wasm: new ArrayBuffer(8) }),
  pieceTimeoutMs?: number,
) {
  // The first worker exists up front so tests can hold it; a restart creates the next.
  const workers: FakeEspeak[] = [new FakeEspeak()];
  let started = 0;
  const audio = new FakeAudio();
  const synth = new EspeakSpeechSynthesizer({
    createWorker: () => {
      if (started++ > 0) workers.push(new FakeEspeak());
      return workers.at(-1)!.worker;
    },
    loadFiles,
    audio,
    ...(pieceTimeoutMs ? { pieceTimeoutMs } : {}),
  });
  return { worker: workers[0]!, workers, audio, synth };
}

describe('EspeakSpeechSynthesizer', () => {
  it('normalises and splits, synthesising the next sentence while the current one plays', async () => {
    const { worker, audio, synth } = setup();
    const done = synth.speak('早餐 7:00-10:30。在二楼。', 'zh', { volume: 0.5 });
    await tick();
    expect(worker.requests.map((r) => r.text)).toEqual(['早餐 七点到十点半。']);
    worker.answer(1, 300);
    await tick();
    // Playing the first sentence; the second is already in the worker.
    expect(audio.played).toEqual([{ samples: 300, volume: 0.5 }]);
    expect(worker.requests.map((r) => r.text)).toEqual(['早餐 七点到十点半。', '在二楼。']);
    worker.answer(2, 200);
    audio.finish();
    await tick();
    expect(audio.played).toHaveLength(2);
    audio.finish();
    await done;
    expect(worker.requests.every((r) => r.lang === 'zh')).toBe(true);
  });

  it('stop() ends playback at once and resolves speak; nothing more is played', async () => {
    const { worker, audio, synth } = setup();
    const done = synth.speak('One. Two. Three.', 'en');
    await tick();
    worker.answer(1);
    await tick();
    synth.stop();
    await done;
    worker.answer(2);
    await tick();
    expect(audio.played).toHaveLength(1);
    expect(worker.requests).toHaveLength(2);
  });

  it('a new speak interrupts the previous one, also while it waits for the worker', async () => {
    const { worker, audio, synth } = setup();
    const first = synth.speak('First answer.', 'en');
    await tick();
    const second = synth.speak('Second answer.', 'en');
    await first;
    await tick();
    worker.answer(1);
    worker.answer(2);
    await tick();
    expect(audio.played).toHaveLength(1);
    audio.finish();
    await second;
  });

  it('an aborted signal stops it like stop()', async () => {
    const { worker, audio, synth } = setup();
    const controller = new AbortController();
    const done = synth.speak('One. Two.', 'en', { signal: controller.signal });
    await tick();
    worker.answer(1);
    await tick();
    controller.abort();
    await done;
    expect(audio.played).toHaveLength(1);
  });

  it('fails with voice_unavailable when the WASM cannot be fetched or compiled', async () => {
    const { synth } = setup(async () => {
      throw new Error('espeak-ng.wasm: HTTP 404');
    });
    await expect(synth.speak('Hello.', 'en')).rejects.toMatchObject({ code: 'voice_unavailable' });
    const b = setup();
    FakeEspeak.initFails = true;
    try {
      const error = await b.synth.speak('Hello.', 'en').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SynthesisError);
      expect((error as SynthesisError).message).toContain('CompileError');
      expect(b.worker.terminated).toBe(true);
    } finally {
      FakeEspeak.initFails = false;
    }
  });

  it('says nothing for text with nothing to say, without loading the voice', async () => {
    let loads = 0;
    const { synth } = setup(async () => {
      loads += 1;
      return { glue: new ArrayBuffer(8), wasm: new ArrayBuffer(8) };
    });
    await synth.speak('……', 'zh');
    expect(loads).toBe(0);
  });

  it('a piece the worker never answers fails after the timeout instead of hanging', async () => {
    const { synth } = setup(undefined, 50);
    await expect(synth.speak('Hello there.', 'en')).rejects.toMatchObject({ code: 'synthesis_failed' });
  });

  it('a crashed worker fails what waits for it, and the next answer starts a new one', async () => {
    const { workers, audio, synth } = setup();
    const first = synth.speak('Hello.', 'en');
    await tick();
    workers[0]!.crash();
    await expect(first).rejects.toMatchObject({ code: 'synthesis_failed' });
    expect(workers[0]!.terminated).toBe(true);
    const second = synth.speak('Hello again.', 'en');
    await tick();
    expect(workers).toHaveLength(2);
    workers[1]!.answer(1);
    await tick();
    audio.finish();
    await second;
    expect(audio.played).toHaveLength(1);
  });
});
