/**
 * Sample-rate conversion for the microphone (44.1 / 48 kHz → 16 kHz) and for synthesised speech
 * (22.05 kHz → 16 kHz): a windowed-sinc (Blackman) interpolator whose cut-off sits below the lower
 * Nyquist frequency, so downsampling does not alias. Streaming: chunks may have any length and the
 * output is the same as converting the whole signal at once.
 */
const HALF_TAPS = 16;
const TABLE_RES = 512;

export class StreamingResampler {
  private readonly step: number;
  private readonly cutoff: number;
  /** Input not yet fully used, starting at input index `bufferStart`. */
  private buffer = new Float32Array(0);
  private bufferStart = 0;
  /** Position of the next output sample, in input samples. */
  private nextPos = 0;

  constructor(
    readonly fromHz: number,
    readonly toHz: number,
  ) {
    if (!(fromHz > 0 && toHz > 0)) throw new RangeError('sample rates must be positive');
    this.step = fromHz / toHz;
    // Slightly below Nyquist of the lower rate: the sinc's transition band then ends before it.
    this.cutoff = Math.min(1, toHz / fromHz) * 0.92;
  }

  /** The kernel sampled every 1/TABLE_RES input samples (interpolated linearly between entries). */
  private table: Float32Array | null = null;

  private kernel(x: number): number {
    if (!this.table) {
      const reach = Math.ceil(HALF_TAPS / this.cutoff);
      this.table = new Float32Array(reach * TABLE_RES + 2);
      for (let i = 0; i < this.table.length; i += 1) this.table[i] = this.exactKernel(i / TABLE_RES);
    }
    const at = Math.abs(x) * TABLE_RES;
    const i = Math.floor(at);
    if (i + 1 >= this.table.length) return 0;
    const f = at - i;
    return (this.table[i] ?? 0) * (1 - f) + (this.table[i + 1] ?? 0) * f;
  }

  private exactKernel(x: number): number {
    const c = this.cutoff;
    const w = Math.abs(x) / (HALF_TAPS / c);
    if (w >= 1) return 0;
    const sinc = x === 0 ? 1 : Math.sin(Math.PI * c * x) / (Math.PI * c * x);
    const blackman = 0.42 + 0.5 * Math.cos(Math.PI * w) + 0.08 * Math.cos(2 * Math.PI * w);
    return c * sinc * blackman;
  }

  /** Converts one chunk; returns the output samples it completes. */
  push(chunk: Float32Array): Float32Array {
    if (this.fromHz === this.toHz) return chunk.slice();
    const joined = new Float32Array(this.buffer.length + chunk.length);
    joined.set(this.buffer, 0);
    joined.set(chunk, this.buffer.length);
    this.buffer = joined;
    const reach = Math.ceil(HALF_TAPS / this.cutoff);
    const end = this.bufferStart + this.buffer.length;
    const out: number[] = [];
    while (this.nextPos + reach < end) {
      out.push(this.sampleAt(this.nextPos, reach));
      this.nextPos += this.step;
    }
    // Keep what the next outputs still need (their left-hand taps).
    const keepFrom = Math.max(this.bufferStart, Math.floor(this.nextPos) - reach);
    this.buffer = this.buffer.slice(keepFrom - this.bufferStart);
    this.bufferStart = keepFrom;
    return Float32Array.from(out);
  }

  /** The remaining output, as if the input were followed by silence. */
  flush(): Float32Array {
    const reach = Math.ceil(HALF_TAPS / this.cutoff);
    const end = this.bufferStart + this.buffer.length;
    const out: number[] = [];
    while (this.nextPos < end) {
      out.push(this.sampleAt(this.nextPos, reach));
      this.nextPos += this.step;
    }
    this.buffer = new Float32Array(0);
    this.bufferStart = end;
    return Float32Array.from(out);
  }

  private sampleAt(pos: number, reach: number): number {
    const centre = Math.floor(pos);
    let sum = 0;
    for (let i = centre - reach + 1; i <= centre + reach; i += 1) {
      const idx = i - this.bufferStart;
      if (idx < 0 || idx >= this.buffer.length) continue; // before the start: silence
      sum += (this.buffer[idx] ?? 0) * this.kernel(pos - i);
    }
    return sum;
  }
}

/** Converts a whole signal. */
export function resample(samples: Float32Array, fromHz: number, toHz: number): Float32Array {
  if (fromHz === toHz) return samples.slice();
  const r = new StreamingResampler(fromHz, toHz);
  const a = r.push(samples);
  const b = r.flush();
  const out = new Float32Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out.subarray(0, Math.round((samples.length * toHz) / fromHz));
}
