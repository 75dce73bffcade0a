import { transfer } from 'comlink';
import { CameraError, closeCamera, openCamera } from '../camera/camera.js';
import { WorkerBridge, type WorkerLike } from '../workers/bridge.js';
import type { FaceDetection, FaceReady, FaceWorkerApi } from './face-protocol.js';
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
  createWorker?: () => WorkerLike;
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
  /** One bridge per worker: a worker being closed is never reused by the next start. */
  private bridge: WorkerBridge<FaceWorkerApi>;
  /** Resolves once the worker's detector is ready; null: not started (or failed, or shut down). */
  private ready: Promise<void> | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private run: Run | null = null;

  constructor(private readonly options: MediapipePresenceOptions) {
    this.bridge = this.newBridge();
  }

  private newBridge(): WorkerBridge<FaceWorkerApi> {
    return new WorkerBridge<FaceWorkerApi>({
      name: 'face',
      create:
        this.options.createWorker ??
        (() => new Worker(new URL('./face.worker.ts', import.meta.url), { type: 'module', name: 'face' })),
    });
  }

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
    const started = this.ready !== null;
    const bridge = this.bridge;
    this.bridge = this.newBridge();
    this.ready = null;
    if (!started) return bridge.terminate();
    // The worker closes the detector first; the backstop ends it if that hangs.
    const backstop = setTimeout(() => bridge.terminate(), 2_000);
    void bridge
      .call((api) => api.close())
      .catch(() => undefined)
      .finally(() => {
        clearTimeout(backstop);
        bridge.terminate();
      });
  }

  private startWorker(): Promise<void> {
    if (this.ready) return this.ready;
    const bridge = this.bridge;
    const { wasmLoaderUrl, wasmBinaryUrl } = this.options;
    const ready = (async () => {
      const model = await this.options.loadModel(new AbortController().signal);
      const answer = await bridge.call<FaceReady>((api) =>
        api.init(wasmLoaderUrl, wasmBinaryUrl, transfer(model, [model])),
      );
      if (answer.type === 'failed') throw new Error(answer.message);
    })();
    const guarded: Promise<void> = ready.catch((error: unknown) => {
      bridge.terminate();
      if (this.ready === guarded) this.ready = null;
      throw error;
    });
    this.ready = guarded;
    return this.ready;
  }

  private schedule(run: Run, delayMs: number): void {
    run.timer = setTimeout(() => void this.analyse(run), delayMs);
  }

  private async analyse(run: Run): Promise<void> {
    const interval = this.options.frameIntervalMs ?? 250;
    const video = run.video;
    if (run.stopped || !video || !this.ready) return;
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
    let reply: FaceDetection;
    try {
      reply = await this.bridge.call<FaceDetection>((api) => api.detect(transfer(frame, [frame])));
    } catch {
      // The worker died: no more frames for this watch (the next start loads a new one).
      this.ready = null;
      return;
    }
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
