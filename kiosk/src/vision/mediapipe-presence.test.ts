import { describe, expect, it } from 'vitest';
import { CameraError } from '../camera/camera.js';
import { fakeWorker, type FakeWorker } from '../../test/fake-worker.js';
import type { FaceWorkerApi } from './face-protocol.js';
import { MediapipePresenceDetector } from './mediapipe-presence.js';
import type { PresenceStatus } from './presence.js';

/** A face worker that fails to start, as it does when the model or the wasm cannot be loaded. */
const failingFaceWorker = (): FakeWorker => {
  const api: FaceWorkerApi = {
    init: async () => ({ type: 'failed', message: 'no model' }),
    detect: async () => ({ type: 'failed', message: 'not ready' }),
    close: async () => {},
  };
  return fakeWorker(api);
};

const stoppedTracks: string[] = [];
const fakeStream = () =>
  ({ getTracks: () => [{ stop: () => stoppedTracks.push('video') }] }) as unknown as MediaStream;

function detector(openCamera: () => Promise<MediaStream>, workers: FakeWorker[] = []) {
  return new MediapipePresenceDetector({
    loadModel: async () => new ArrayBuffer(8),
    wasmLoaderUrl: '/kiosk/models/loader.js',
    wasmBinaryUrl: '/kiosk/models/loader.wasm',
    now: () => 0,
    openCamera,
    createWorker: () => {
      const w = failingFaceWorker();
      workers.push(w);
      return w;
    },
  });
}

async function statuses(d: MediapipePresenceDetector): Promise<PresenceStatus[]> {
  const seen: PresenceStatus[] = [];
  d.start({ onStatus: (s) => seen.push(s) });
  await new Promise((r) => setTimeout(r, 20));
  d.stop();
  d.shutdown();
  return seen;
}

describe('MediapipePresenceDetector falls back to touch only', () => {
  it('when the camera is not allowed or missing', async () => {
    const denied = await statuses(detector(() => Promise.reject(new CameraError('denied'))));
    expect(denied.slice(0, 2)).toEqual([{ kind: 'starting' }, { kind: 'touch_only', reason: 'denied' }]);
    const missing = await statuses(detector(() => Promise.reject(new CameraError('unavailable'))));
    expect(missing[1]).toEqual({ kind: 'touch_only', reason: 'no_camera' });
  });

  it('when the model does not load, releasing the camera and the worker', async () => {
    stoppedTracks.length = 0;
    const workers: FakeWorker[] = [];
    const seen = await statuses(detector(async () => fakeStream(), workers));
    expect(seen[1]).toEqual({ kind: 'touch_only', reason: 'model_failed' });
    expect(stoppedTracks).toContain('video');
    expect(workers[0]?.terminated).toBe(true);
  });
});

describe('MediapipePresenceDetector hand-over', () => {
  it('stop(listener) ends only that listener’s watch', async () => {
    const d = detector(() => Promise.reject(new CameraError('denied')));
    const first: PresenceStatus[] = [];
    const second: PresenceStatus[] = [];
    const a = { onStatus: (s: PresenceStatus) => first.push(s) };
    const b = { onStatus: (s: PresenceStatus) => second.push(s) };
    d.start(a);
    d.start(b); // replaces a's watch
    d.stop(a); // a late clean-up of the first consumer: b keeps watching
    await new Promise((r) => setTimeout(r, 20));
    expect(second).not.toContainEqual({ kind: 'off' });
    d.stop(b);
    expect(second.at(-1)).toEqual({ kind: 'off' });
    d.shutdown();
  });
});
