/** Where synthesised speech is played: an interface so the synthesizer's sequencing is testable. */
export interface AudioOut {
  /** Resolves when the clip has played to its end or `signal` aborted (then it stops at once). */
  play(samples: Float32Array, sampleRate: number, volume: number, signal: AbortSignal): Promise<void>;
}

/** Extra time past a clip's length before giving up on its `ended` event (a stalled audio device). */
const ENDED_GRACE_MS = 1500;

/** Web Audio: one context for the kiosk's life, a buffer source and a gain node per clip. */
export class WebAudioOut implements AudioOut {
  private context: AudioContext | null = null;

  async play(samples: Float32Array, sampleRate: number, volume: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted || samples.length === 0) return;
    this.context ??= new AudioContext();
    const ctx = this.context;
    // Autoplay policy: a kiosk answers after a touch, so resuming is allowed; never wait past an abort.
    if (ctx.state === 'suspended') await Promise.race([ctx.resume(), aborted(signal)]);
    if (signal.aborted) return;
    const buffer = ctx.createBuffer(1, samples.length, sampleRate);
    buffer.copyToChannel(samples as Float32Array<ArrayBuffer>, 0);
    const source = ctx.createBufferSource();
    source.buffer = buffer;
    const gain = ctx.createGain();
    gain.gain.value = Math.min(1, Math.max(0, volume));
    source.connect(gain).connect(ctx.destination);
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', stop);
        source.disconnect();
        resolve();
      };
      const stop = () => {
        try {
          source.stop();
        } catch {
          // Already stopped.
        }
        done();
      };
      const timer = setTimeout(stop, buffer.duration * 1000 + ENDED_GRACE_MS);
      source.addEventListener('ended', done, { once: true });
      signal.addEventListener('abort', stop, { once: true });
      source.start();
    });
  }
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
