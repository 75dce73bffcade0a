import { proxy, transfer } from 'comlink';
import type { CommandId } from '@frontdesk/models/speech';
import { WorkerBridge, type WorkerLike } from '../../workers/bridge.js';
import captureWorkletUrl from './capture.worklet.ts?worker&url';
import type { ListenEvent, ListenLoaded, ListenWorkerApi } from './listen-protocol.js';

export interface VoiceListenerCallbacks {
  onListening(): void;
  onStopped(): void;
  onDenied(): void;
  onUnavailable(reason: string): void;
  onSpeech(on: boolean): void;
  onCommand(command: CommandId): void;
}

/**
 * Microphone → AudioWorklet (16 kHz frames) → listening worker (VAD + commands) → callbacks. The
 * worker and its models are loaded on the first start and kept; stop releases the microphone.
 */
export class VoiceListener {
  // No idle shutdown: the models stay loaded for the next start (loading them takes seconds).
  private readonly bridge: WorkerBridge<ListenWorkerApi>;
  private ready: Promise<void> | null = null;
  private context: AudioContext | null = null;
  private stream: MediaStream | null = null;

  constructor(
    private readonly cb: VoiceListenerCallbacks,
    createWorker: () => WorkerLike = () =>
      new Worker(new URL('./listen.worker.ts', import.meta.url), { type: 'module' }),
  ) {
    this.bridge = new WorkerBridge<ListenWorkerApi>({ name: 'listening', create: createWorker });
  }

  get listening(): boolean {
    return this.context !== null;
  }

  private readonly onEvent = proxy((event: ListenEvent) => {
    switch (event.type) {
      case 'failed':
        if (this.listening) this.fail(event.message);
        return;
      case 'speech':
        this.cb.onSpeech(event.on);
        return;
      case 'command':
        this.cb.onCommand(event.command);
        return;
    }
  });

  private loadWorker(): Promise<void> {
    this.ready ??= this.bridge
      .call<ListenLoaded>((api) => api.load(this.onEvent))
      .then(
        (loaded) => {
          if (loaded.type === 'failed')
            throw new Error(`${loaded.code}${loaded.file ? ` (${loaded.file})` : ''}: ${loaded.message}`);
        },
        () => {
          throw new Error('the listening worker did not start');
        },
      );
    this.ready.catch(() => {
      // A failed load is retried on the next start, in a new worker.
      this.bridge.terminate();
      this.ready = null;
    });
    return this.ready;
  }

  private starting: Promise<void> | null = null;

  /** Starts listening; a second call while starting waits for the first. */
  start(): Promise<void> {
    if (this.context) return Promise.resolve();
    this.starting ??= this.startOnce().finally(() => (this.starting = null));
    return this.starting;
  }

  private async startOnce(): Promise<void> {
    if (!navigator.mediaDevices?.getUserMedia || typeof AudioWorkletNode === 'undefined') {
      this.cb.onUnavailable('no microphone API');
      return;
    }
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
      });
    } catch (err) {
      const name = (err as { name?: string }).name;
      if (name === 'NotAllowedError' || name === 'SecurityError') this.cb.onDenied();
      else this.cb.onUnavailable(String(err));
      return;
    }
    try {
      await this.loadWorker();
      const context = new AudioContext();
      await context.audioWorklet.addModule(captureWorkletUrl);
      const node = new AudioWorkletNode(context, 'frontdesk-capture', { numberOfOutputs: 0 });
      const channel = new MessageChannel();
      node.port.postMessage({ port: channel.port1 }, [channel.port1]);
      await this.bridge.call((api) => api.audio(transfer(channel.port2, [channel.port2])));
      context.createMediaStreamSource(stream).connect(node);
      // Without a user gesture (hands-free start) the context may stay suspended until the first touch;
      // kiosk browsers are launched with --autoplay-policy=no-user-gesture-required to avoid that.
      if (context.state === 'suspended') {
        void context.resume();
        window.addEventListener('pointerdown', () => void context.resume(), { once: true });
      }
      this.context = context;
      this.stream = stream;
      this.cb.onListening();
    } catch (err) {
      for (const t of stream.getTracks()) t.stop();
      this.cb.onUnavailable(err instanceof Error ? err.message : String(err));
    }
  }

  async stop(): Promise<void> {
    if (this.bridge.started) void this.bridge.call((api) => api.stop()).catch(() => undefined);
    for (const t of this.stream?.getTracks() ?? []) t.stop();
    this.stream = null;
    const context = this.context;
    this.context = null;
    await context?.close();
    this.cb.onStopped();
  }

  private fail(reason: string): void {
    void this.stop().then(() => this.cb.onUnavailable(reason));
  }
}
