import { describe, expect, it } from 'vitest';
import { FrontdeskError } from '@frontdesk/protocol';
import { QueuedPhotoTextReader, type OcrBackend } from './photo-text.js';

/** A backend whose reads finish when the test says so, recording the order they ran in. */
function gatedBackend() {
  const started: string[] = [];
  const gates: Array<() => void> = [];
  let loads = 0;
  let closed = false;
  const backend: OcrBackend = {
    recognize: async (image) => {
      started.push(image.toString());
      await new Promise<void>((resolve) => gates.push(resolve));
      if (image.toString() === 'bad') throw new Error('undecodable');
      return [{ text: image.toString().toUpperCase(), score: 0.9 }];
    },
    close: async () => {
      closed = true;
    },
  };
  return {
    started,
    release: () => gates.shift()?.(),
    load: async () => {
      loads++;
      return backend;
    },
    get loads() {
      return loads;
    },
    get closed() {
      return closed;
    },
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('QueuedPhotoTextReader', () => {
  it('reads one photo at a time, in order, loading the engine once', async () => {
    const b = gatedBackend();
    const reader = new QueuedPhotoTextReader({ load: b.load });
    const first = reader.read(Buffer.from('e4'));
    const second = reader.read(Buffer.from('f21'));
    await tick();
    expect(b.started).toEqual(['e4']);
    b.release();
    expect(await first).toEqual([{ text: 'E4', score: 0.9 }]);
    await tick();
    expect(b.started).toEqual(['e4', 'f21']);
    b.release();
    expect(await second).toEqual([{ text: 'F21', score: 0.9 }]);
    expect(b.loads).toBe(1);
  });

  it('refuses with RATE_LIMITED past the queue bound, and accepts again once it drains', async () => {
    const b = gatedBackend();
    const reader = new QueuedPhotoTextReader({ load: b.load, maxWaiting: 2 });
    const a = reader.read(Buffer.from('a'));
    const c = reader.read(Buffer.from('c'));
    const refused = reader.read(Buffer.from('d'));
    await expect(refused).rejects.toSatisfy((e) => e instanceof FrontdeskError && e.code === 'RATE_LIMITED');
    await tick();
    b.release();
    await a;
    await tick();
    b.release();
    await c;
    const again = reader.read(Buffer.from('e'));
    await tick();
    b.release();
    expect(await again).toEqual([{ text: 'E', score: 0.9 }]);
  });

  it('a failed read fails only itself', async () => {
    const b = gatedBackend();
    const reader = new QueuedPhotoTextReader({ load: b.load });
    const bad = reader.read(Buffer.from('bad'));
    const good = reader.read(Buffer.from('ok'));
    await tick();
    b.release();
    await expect(bad).rejects.toThrow('undecodable');
    await tick();
    b.release();
    expect(await good).toEqual([{ text: 'OK', score: 0.9 }]);
  });

  it('retries a failed engine load on the next read, and closes the engine', async () => {
    let attempts = 0;
    const b = gatedBackend();
    const reader = new QueuedPhotoTextReader({
      load: async () => {
        if (++attempts === 1) throw new Error('model file missing');
        return b.load();
      },
    });
    await expect(reader.read(Buffer.from('x'))).rejects.toThrow('model file missing');
    const ok = reader.read(Buffer.from('y'));
    await tick();
    await tick();
    b.release();
    expect(await ok).toEqual([{ text: 'Y', score: 0.9 }]);
    await reader.close();
    expect(b.closed).toBe(true);
  });
});
