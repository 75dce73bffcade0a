import type { CommandId } from '@frontdesk/models/speech';
import captureWorkletUrl from './capture.worklet.ts?worker&url';
import type { FromListenWorker, ToListenWorker } from './listen-protocol.js';

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
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private context: AudioContext | null = null;
  private stream: MediaStream | null = null;

  constructor(
    private readonly cb: VoiceListenerCallbacks,
    private readonly createWorker: () => Worker = () =>
      new Worker(new URL('./listen.worker.ts', import.meta.url), { type: 'module' }),
  ) {}

  get listening(): boolean {
    return this.context !== null;
  }

  private post(message: ToListenWorker, transfer: Transferable[] = []): void {
    this.worker?.postMessage(message, transfer);
  }

  private loadWorker(): Promise<void> {
    if (this.ready) return this.ready;
    this.ready = new Promise<void>((resolve, reject) => {
      const worker = this.createWorker();
      this.worker = worker;
      worker.onmessage = (e: MessageEvent<FromListenWorker>) => {
        const msg = e.data;
        switch (msg.type) {
          case 'ready':
            resolve();
            return;
          case 'failed':
            reject(new Error(`${msg.code}${msg.file ? ` (${msg.file})` : ''}: ${msg.message}`));
            if (this.listening) this.fail(msg.message);
            return;
          case 'speech':
            this.cb.onSpeech(msg.on);
            return;
          case 'command':
            this.cb.onCommand(msg.command);
            return;
        }
      };
      worker.onerror = () => reject(new Error('the listening worker did not start'));
      this.post({ type: 'load' });
    });
    this.ready.catch(() => {
      // A failed load is retried on the next start.
      this.worker?.terminate();
      this.worker = null;
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
      this.post({ type: 'audio', port: channel.port2 }, [channel.port2]);
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
    this.post({ type: 'stop' });
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
