import { describe, expect, it } from 'vitest';
import { fakeTimers, fakeWorker, type FakeWorker } from '../../test/fake-worker.js';
import type { OcrReading, OcrWorkerApi } from './ocr-protocol.js';
import { OcrWorkerPhotoReader } from './ocr-worker-photo-reader.js';
import { PhotoReadError } from './photo-reader.js';

/** An OCR worker that answers when told to: the test decides what each photo reads as, and when. */
class FakeOcr {
  /** Every photo the worker was given, in order (numbered from 1 in the tests). */
  readonly requests: Array<{ maxSide: number; answer(reading: OcrReading): void }> = [];
  readonly worker: FakeWorker;
  constructor() {
    const api: OcrWorkerApi = {
      read: (_photo, maxSide) => new Promise<OcrReading>((answer) => this.requests.push({ maxSide, answer })),
    };
    this.worker = fakeWorker(api);
  }
  get terminated(): boolean {
    return this.worker.terminated;
  }
  reply(n: number, reading: OcrReading): void {
    this.requests[n - 1]!.answer(reading);
  }
  lines(n: number, ...texts: string[]): void {
    this.reply(n, {
      type: 'read',
      ms: 12,
      lines: texts.map((text) => ({
        text,
        score: 0.9,
        box: [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
        ],
      })),
    });
  }
}

function setup() {
  const workers: FakeOcr[] = [];
  const time = fakeTimers();
  const reader = new OcrWorkerPhotoReader({
    idleMs: 1000,
    createWorker: () => {
      const w = new FakeOcr();
      workers.push(w);
      return w.worker;
    },
    timers: time,
  });
  return { reader, workers, fireIdle: time.fire };
}

/** Messages cross a MessageChannel: wait until the fake worker has seen `n` photos. */
async function seen(workers: FakeOcr[], index: number, n: number): Promise<void> {
  for (let i = 0; i < 100 && (workers[index]?.requests.length ?? 0) < n; i++) await flush();
  expect(workers[index]?.requests.length).toBe(n);
}

const flush = () => new Promise((r) => setTimeout(r, 0));
const photo = () => new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' });

describe('OcrWorkerPhotoReader', () => {
  it('reads a photo in the worker and joins the lines top to bottom', async () => {
    const { reader, workers } = setup();
    const reading = reader.read(photo());
    await seen(workers, 0, 1);
    const [w] = workers;
    expect(w!.requests).toEqual([expect.objectContaining({ maxSide: 1280 })]);
    w!.lines(1, '空调故障', 'E4');
    await expect(reading).resolves.toEqual({
      lines: [expect.objectContaining({ text: '空调故障' }), expect.objectContaining({ text: 'E4' })],
      text: '空调故障\nE4',
      elapsedMs: 12,
    });
  });

  it('reads one photo at a time, in order, in one worker', async () => {
    const { reader, workers } = setup();
    const a = reader.read(photo());
    const b = reader.read(photo());
    await seen(workers, 0, 1);
    await flush();
    expect(workers[0]!.requests).toHaveLength(1);
    workers[0]!.lines(1, 'A');
    await expect(a).resolves.toMatchObject({ text: 'A' });
    await seen(workers, 0, 2);
    workers[0]!.lines(2, 'B');
    await expect(b).resolves.toMatchObject({ text: 'B' });
    expect(workers).toHaveLength(1);
  });

  it('cancelling the photo being read ends the worker; the next photo gets a new one', async () => {
    const { reader, workers } = setup();
    const abort = new AbortController();
    const a = reader.read(photo(), { signal: abort.signal });
    const b = reader.read(photo());
    await seen(workers, 0, 1);
    abort.abort();
    await expect(a).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers[0]!.terminated).toBe(true);
    await seen(workers, 1, 1);
    expect(workers).toHaveLength(2);
    // A late answer of the ended worker is ignored.
    workers[0]!.lines(1, 'late');
    workers[1]!.lines(1, 'B');
    await expect(b).resolves.toMatchObject({ text: 'B' });
  });

  it('cancelling a waiting photo leaves the one being read alone', async () => {
    const { reader, workers } = setup();
    const abort = new AbortController();
    const a = reader.read(photo());
    const b = reader.read(photo(), { signal: abort.signal });
    await seen(workers, 0, 1);
    abort.abort();
    await expect(b).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers[0]!.terminated).toBe(false);
    workers[0]!.lines(1, 'A');
    await expect(a).resolves.toMatchObject({ text: 'A' });
    await flush();
    expect(workers[0]!.requests).toHaveLength(1);
  });

  it('rejects at once when the signal has already fired, starting no worker', async () => {
    const { reader, workers } = setup();
    await expect(reader.read(photo(), { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(workers).toHaveLength(0);
  });

  it('reports a failure with its stable code and keeps working', async () => {
    const { reader, workers } = setup();
    const a = reader.read(photo());
    await seen(workers, 0, 1);
    workers[0]!.reply(1, { type: 'failed', code: 'unreadable', message: 'not an image' });
    const error = await a.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PhotoReadError);
    expect(error).toMatchObject({ code: 'unreadable' });
    const b = reader.read(photo());
    await seen(workers, 0, 2);
    workers[0]!.lines(2, 'ok');
    await expect(b).resolves.toMatchObject({ text: 'ok' });
  });

  it('a crashed worker fails the photo (worker_failed) and is replaced', async () => {
    const { reader, workers } = setup();
    const a = reader.read(photo());
    await seen(workers, 0, 1);
    workers[0]!.worker.crash('out of memory');
    await expect(a).rejects.toMatchObject({ code: 'worker_failed', message: 'out of memory' });
    const b = reader.read(photo());
    await seen(workers, 1, 1);
    expect(workers).toHaveLength(2);
    workers[1]!.lines(1, 'ok');
    await expect(b).resolves.toMatchObject({ text: 'ok' });
  });

  it('ends an idle worker, and starts one again for the next photo', async () => {
    const { reader, workers, fireIdle } = setup();
    const a = reader.read(photo());
    await seen(workers, 0, 1);
    fireIdle(); // busy: no idle timer is armed while a photo is being read
    expect(reader.running).toBe(true);
    workers[0]!.lines(1, 'A');
    await a;
    await flush();
    fireIdle();
    expect(reader.running).toBe(false);
    expect(workers[0]!.terminated).toBe(true);
    const b = reader.read(photo());
    await seen(workers, 1, 1);
    workers[1]!.lines(1, 'B');
    await expect(b).resolves.toMatchObject({ text: 'B' });
  });
});
