import { describe, expect, it } from 'vitest';
import type { OcrWorkerReply, OcrWorkerRequest } from './ocr-protocol.js';
import { OcrWorkerPhotoReader } from './ocr-worker-photo-reader.js';
import { PhotoReadError } from './photo-reader.js';

/** A worker that answers when told to: the test decides what each photo reads as, and when. */
class FakeOcrWorker {
  onmessage: ((event: MessageEvent<OcrWorkerReply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  readonly requests: OcrWorkerRequest[] = [];
  terminated = false;
  postMessage(request: OcrWorkerRequest): void {
    this.requests.push(request);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(reply: OcrWorkerReply): void {
    this.onmessage?.({ data: reply } as MessageEvent<OcrWorkerReply>);
  }
  lines(id: number, ...texts: string[]): void {
    this.reply({
      type: 'read',
      id,
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
  const workers: FakeOcrWorker[] = [];
  const timers: Array<{ fn: () => void; ms: number; cleared: boolean }> = [];
  const reader = new OcrWorkerPhotoReader({
    idleMs: 1000,
    createWorker: () => {
      const w = new FakeOcrWorker();
      workers.push(w);
      return w as unknown as Worker;
    },
    setTimeout: (fn, ms) => {
      const t = { fn, ms, cleared: false };
      timers.push(t);
      return t;
    },
    clearTimeout: (t) => {
      if (t) (t as { cleared: boolean }).cleared = true;
    },
  });
  const fireIdle = () => timers.filter((t) => !t.cleared).forEach((t) => t.fn());
  return { reader, workers, fireIdle };
}

const photo = () => new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' });
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('OcrWorkerPhotoReader', () => {
  it('reads a photo in the worker and joins the lines top to bottom', async () => {
    const { reader, workers } = setup();
    const reading = reader.read(photo());
    const [w] = workers;
    expect(w!.requests).toEqual([expect.objectContaining({ type: 'read', id: 1, maxSide: 1280 })]);
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
    expect(workers[0]!.requests.map((r) => r.id)).toEqual([1]);
    workers[0]!.lines(1, 'A');
    await expect(a).resolves.toMatchObject({ text: 'A' });
    expect(workers[0]!.requests.map((r) => r.id)).toEqual([1, 2]);
    workers[0]!.lines(2, 'B');
    await expect(b).resolves.toMatchObject({ text: 'B' });
    expect(workers).toHaveLength(1);
  });

  it('cancelling the photo being read ends the worker; the next photo gets a new one', async () => {
    const { reader, workers } = setup();
    const abort = new AbortController();
    const a = reader.read(photo(), { signal: abort.signal });
    const b = reader.read(photo());
    abort.abort();
    await expect(a).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers[0]!.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    // A late answer of the ended worker is ignored.
    workers[0]!.lines(1, 'late');
    workers[1]!.lines(2, 'B');
    await expect(b).resolves.toMatchObject({ text: 'B' });
  });

  it('cancelling a waiting photo leaves the one being read alone', async () => {
    const { reader, workers } = setup();
    const abort = new AbortController();
    const a = reader.read(photo());
    const b = reader.read(photo(), { signal: abort.signal });
    abort.abort();
    await expect(b).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers[0]!.terminated).toBe(false);
    workers[0]!.lines(1, 'A');
    await expect(a).resolves.toMatchObject({ text: 'A' });
    expect(workers[0]!.requests.map((r) => r.id)).toEqual([1]);
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
    workers[0]!.reply({ type: 'failed', id: 1, code: 'unreadable', message: 'not an image' });
    const error = await a.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PhotoReadError);
    expect(error).toMatchObject({ code: 'unreadable' });
    const b = reader.read(photo());
    workers[0]!.lines(2, 'ok');
    await expect(b).resolves.toMatchObject({ text: 'ok' });
  });

  it('a crashed worker fails the photo (worker_failed) and is replaced', async () => {
    const { reader, workers } = setup();
    const a = reader.read(photo());
    workers[0]!.onerror?.({ message: 'out of memory', preventDefault() {} } as ErrorEvent);
    await expect(a).rejects.toMatchObject({ code: 'worker_failed' });
    const b = reader.read(photo());
    expect(workers).toHaveLength(2);
    workers[1]!.lines(2, 'ok');
    await expect(b).resolves.toMatchObject({ text: 'ok' });
  });

  it('ends an idle worker, and starts one again for the next photo', async () => {
    const { reader, workers, fireIdle } = setup();
    const a = reader.read(photo());
    fireIdle(); // busy: no idle timer is armed while a photo is being read
    expect(reader.running).toBe(true);
    workers[0]!.lines(1, 'A');
    await a;
    await flush();
    fireIdle();
    expect(reader.running).toBe(false);
    expect(workers[0]!.terminated).toBe(true);
    const b = reader.read(photo());
    workers[1]!.lines(2, 'B');
    await expect(b).resolves.toMatchObject({ text: 'B' });
  });
});
