import { describe, expect, it } from 'vitest';
import type { AudioOut } from './audio-out.js';
import type { FromEspeakWorker, ToEspeakWorker } from './espeak-protocol.js';
import { EspeakSpeechSynthesizer, type WorkerLike } from './espeak-synthesizer.js';
import { SynthesisError } from './synthesizer.js';

/** A worker that answers each piece when told to, so the test controls the order of events. */
class FakeWorker implements WorkerLike {
  readonly requests: Array<Extract<ToEspeakWorker, { type: 'synthesize' }>> = [];
  static initFails = false;
  terminated = false;
  private listeners: Array<(e: MessageEvent<FromEspeakWorker>) => void> = [];
  private errorListeners: Array<(e: Event) => void> = [];

  postMessage(message: ToEspeakWorker): void {
    if (message.type === 'init')
      queueMicrotask(() =>
        this.emit(
          FakeWorker.initFails ? { type: 'failed', id: null, message: 'CompileError' } : { type: 'ready' },
        ),
      );
    else this.requests.push(message);
  }
  addEventListener(type: string, listener: (e: MessageEvent<FromEspeakWorker>) => void): void {
    if (type === 'message') this.listeners.push(listener);
    else this.errorListeners.push(listener as (e: Event) => void);
  }
  crash(): void {
    for (const l of this.errorListeners) l({ message: 'out of memory' } as ErrorEvent);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** Answers the oldest unanswered request with `n` samples. */
  answer(id: number, n = 100): void {
    this.emit({ type: 'audio', id, samples: new Float32Array(n).fill(0.1), sampleRate: 22050, synthMs: 5 });
  }
  private emit(data: FromEspeakWorker): void {
    for (const l of this.listeners) l({ data } as MessageEvent<FromEspeakWorker>);
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

const tick = () => new Promise((r) => setTimeout(r, 0));

function setup(
  loadFiles = async () => ({ glue: new ArrayBuffer(8), wasm: new ArrayBuffer(8) }),
  pieceTimeoutMs?: number,
) {
  // The first worker exists up front so tests can hold it; a restart creates the next.
  const workers: FakeWorker[] = [new FakeWorker()];
  let started = 0;
  const audio = new FakeAudio();
  const synth = new EspeakSpeechSynthesizer({
    createWorker: () => {
      if (started++ > 0) workers.push(new FakeWorker());
      return workers.at(-1)!;
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
    FakeWorker.initFails = true;
    try {
      const error = await b.synth.speak('Hello.', 'en').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SynthesisError);
      expect((error as SynthesisError).message).toContain('CompileError');
      expect(b.worker.terminated).toBe(true);
    } finally {
      FakeWorker.initFails = false;
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
    workers[1]!.answer(workers[1]!.requests[0]!.id);
    await tick();
    audio.finish();
    await second;
    expect(audio.played).toHaveLength(1);
  });
});
