import { CameraError, closeCamera, openCamera } from '../camera/camera.js';
import type { FaceWorkerReply, FaceWorkerRequest } from './face-protocol.js';
import {
  DEFAULT_PRESENCE,
  initialPresence,
  presenceStep,
  qualifies,
  type PresenceDetector,
  type PresenceListener,
  type PresenceOptions,
  type PresenceState,
  type PresenceStatus,
} from './presence.js';

export interface MediapipePresenceOptions {
  /** The patched face model's bytes, hash-checked (`loadModelAsset('face-detector')`). */
  loadModel(signal: AbortSignal): Promise<ArrayBuffer>;
  /** Where tasks-vision's ES-module wasm loader and binary are served (precached with the app). */
  wasmLoaderUrl: string;
  wasmBinaryUrl: string;
  now(): number;
  /** 250 ms = 4 frames a second: enough to notice someone stepping up, little CPU on two cores. */
  frameIntervalMs?: number;
  /** Frames are scaled to this width before they go to the worker; the model itself sees 128×128. */
  frameWidth?: number;
  /** After stop() the worker is kept this long (the next attract screen is usually soon), then ended. */
  workerIdleMs?: number;
  presence?: PresenceOptions;
  createWorker?: () => Worker;
  openCamera?: () => Promise<MediaStream>;
}

type Run = {
  listener: PresenceListener;
  state: PresenceState;
  stream: MediaStream | null;
  video: HTMLVideoElement | null;
  timer: ReturnType<typeof setTimeout> | undefined;
  stopped: boolean;
};

/**
 * Face presence from the camera: frames at a low rate → MediaPipe FaceDetector in a worker → the pure
 * hysteresis of presence.ts. The main thread only scales a frame into an ImageBitmap (a GPU-less
 * copy of ~256×192 pixels) and hands it over; the detector runs in the worker. Frames and boxes stay
 * in memory for one step; only "arrived" / "left" leave this class.
 */
export class MediapipePresenceDetector implements PresenceDetector {
  private worker: Worker | null = null;
  private ready: Promise<Worker> | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private run: Run | null = null;
  private frameId = 0;
  private readonly pending = new Map<number, (reply: FaceWorkerReply) => void>();

  constructor(private readonly options: MediapipePresenceOptions) {}

  start(listener: PresenceListener, options: { armed?: boolean } = {}): void {
    this.stop();
    clearTimeout(this.idleTimer);
    const run: Run = {
      listener,
      state: initialPresence(options.armed ?? true, this.options.now()),
      stream: null,
      video: null,
      timer: undefined,
      stopped: false,
    };
    this.run = run;
    const status = (s: PresenceStatus) => {
      if (!run.stopped) listener.onStatus?.(s);
    };
    status({ kind: 'starting' });
    void (async () => {
      try {
        run.stream = await (
          this.options.openCamera ?? (() => openCamera({ idealWidth: 640, idealHeight: 480 }))
        )();
      } catch (error) {
        const code = error instanceof CameraError ? error.code : 'unavailable';
        status({ kind: 'touch_only', reason: code === 'unavailable' ? 'no_camera' : code });
        return;
      }
      if (run.stopped) return closeCamera(run.stream);
      try {
        await this.startWorker();
      } catch {
        closeCamera(run.stream);
        status({ kind: 'touch_only', reason: 'model_failed' });
        return;
      }
      if (run.stopped) return;
      const video = document.createElement('video');
      video.muted = true;
      video.playsInline = true;
      video.srcObject = run.stream;
      run.video = video;
      try {
        await video.play();
      } catch {
        closeCamera(run.stream);
        status({ kind: 'touch_only', reason: 'busy' });
        return;
      }
      status({ kind: 'watching' });
      this.schedule(run, 0);
    })();
  }

  stop(listener?: PresenceListener): void {
    const run = this.run;
    if (!run || (listener && run.listener !== listener)) return;
    run.stopped = true;
    clearTimeout(run.timer);
    closeCamera(run.stream);
    if (run.video) run.video.srcObject = null;
    this.run = null;
    run.listener.onStatus?.({ kind: 'off' });
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.shutdown(), this.options.workerIdleMs ?? 30_000);
  }

  /** Ends the worker now (also what the idle timer does). */
  shutdown(): void {
    clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = null;
    this.ready = null;
    if (!worker) return;
    const request: FaceWorkerRequest = { type: 'close' };
    worker.postMessage(request);
    // The worker closes itself after closing the detector; this is the backstop if it hangs.
    setTimeout(() => worker.terminate(), 2_000);
  }

  private startWorker(): Promise<Worker> {
    if (this.ready) return this.ready;
    this.ready = (async () => {
      const model = await this.options.loadModel(new AbortController().signal);
      const worker =
        this.options.createWorker?.() ??
        new Worker(new URL('./face.worker.ts', import.meta.url), { type: 'module', name: 'face' });
      await new Promise<void>((resolve, reject) => {
        worker.onmessage = (event: MessageEvent<FaceWorkerReply>) => {
          const reply = event.data;
          if (reply.type === 'ready') resolve();
          else if (reply.type === 'failed' && this.worker !== worker) reject(new Error(reply.message));
          else if (reply.type === 'faces' || reply.type === 'failed') this.settle(reply);
        };
        worker.onerror = (event) => reject(new Error(event.message));
        const init: FaceWorkerRequest = {
          type: 'init',
          wasmLoaderUrl: this.options.wasmLoaderUrl,
          wasmBinaryUrl: this.options.wasmBinaryUrl,
          model,
        };
        worker.postMessage(init, [model]);
      }).catch((error: unknown) => {
        worker.terminate();
        this.ready = null;
        throw error;
      });
      this.worker = worker;
      return worker;
    })();
    return this.ready;
  }

  private settle(reply: Extract<FaceWorkerReply, { type: 'faces' | 'failed' }>): void {
    // One frame is in flight at a time, so a failure belongs to the oldest pending one.
    const id = reply.type === 'faces' ? reply.id : [...this.pending.keys()][0];
    if (id === undefined) return;
    this.pending.get(id)?.(reply);
    this.pending.delete(id);
  }

  private schedule(run: Run, delayMs: number): void {
    run.timer = setTimeout(() => void this.analyse(run), delayMs);
  }

  private async analyse(run: Run): Promise<void> {
    const interval = this.options.frameIntervalMs ?? 250;
    const video = run.video;
    const worker = this.worker;
    if (run.stopped || !video || !worker) return;
    if (video.readyState < 2 || video.videoWidth === 0) return this.schedule(run, interval);
    const started = this.options.now();
    const width = this.options.frameWidth ?? 256;
    const height = Math.max(1, Math.round((width * video.videoHeight) / video.videoWidth));
    let frame: ImageBitmap;
    try {
      frame = await createImageBitmap(video, {
        resizeWidth: width,
        resizeHeight: height,
        resizeQuality: 'low',
      });
    } catch {
      return this.schedule(run, interval);
    }
    if (run.stopped) {
      frame.close();
      return;
    }
    const id = ++this.frameId;
    const reply = await new Promise<FaceWorkerReply>((resolve) => {
      this.pending.set(id, resolve);
      const request: FaceWorkerRequest = { type: 'frame', id, frame };
      worker.postMessage(request, [frame]);
    });
    if (run.stopped) return;
    if (reply.type === 'faces') {
      const options = this.options.presence ?? DEFAULT_PRESENCE;
      const { state, event } = presenceStep(run.state, reply.faces, this.options.now(), options);
      run.state = state;
      run.listener.onFrame?.({
        faces: reply.faces.length,
        qualifying: reply.faces.some((f) => qualifies(f, options)),
        ms: reply.ms,
      });
      if (event) run.listener.onEvent?.(event);
    }
    // A steady rate whatever the detector took (a slow frame is not followed by a burst).
    this.schedule(run, Math.max(0, interval - (this.options.now() - started)));
  }
}
