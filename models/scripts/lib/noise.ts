/**
 * Seeded noise and mixing for the training and evaluation audio: white, pink (Voss-McCartney style
 * filter) and brown noise, and mixing speech with noise at a given SNR measured over the speech.
 */
export type NoiseKind = 'white' | 'pink' | 'brown' | 'hum';

export function noise(kind: NoiseKind, samples: number, rng: () => number, rms = 0.05): Float32Array {
  const out = new Float32Array(samples);
  let b0 = 0;
  let b1 = 0;
  let b2 = 0;
  let brown = 0;
  const humHz = 50 + Math.floor(rng() * 3) * 10;
  for (let i = 0; i < samples; i += 1) {
    const w = rng() * 2 - 1;
    switch (kind) {
      case 'white':
        out[i] = w;
        break;
      case 'pink':
        // Paul Kellet's economy pink filter.
        b0 = 0.99765 * b0 + w * 0.099046;
        b1 = 0.963 * b1 + w * 0.2965164;
        b2 = 0.57 * b2 + w * 1.0526913;
        out[i] = b0 + b1 + b2 + w * 0.1848;
        break;
      case 'brown':
        brown = (brown + 0.02 * w) / 1.02;
        out[i] = brown;
        break;
      case 'hum':
        out[i] = Math.sin((2 * Math.PI * humHz * i) / 16_000) + 0.3 * w;
        break;
    }
  }
  return scaleToRms(out, rms);
}

export function rmsOf(x: Float32Array): number {
  let s = 0;
  for (const v of x) s += v * v;
  return Math.sqrt(s / Math.max(1, x.length));
}

export function scaleToRms(x: Float32Array, rms: number): Float32Array {
  const r = rmsOf(x);
  if (r === 0) return x;
  const k = rms / r;
  for (let i = 0; i < x.length; i += 1) x[i] = (x[i] ?? 0) * k;
  return x;
}

/** speech + noise with the noise scaled so that speech RMS / noise RMS = snrDb. */
export function mixAtSnr(speech: Float32Array, bed: Float32Array, snrDb: number): Float32Array {
  const target = rmsOf(speech) / 10 ** (snrDb / 20);
  const n = scaleToRms(bed.slice(0, speech.length), target);
  const out = new Float32Array(speech.length);
  for (let i = 0; i < out.length; i += 1) out[i] = (speech[i] ?? 0) + (n[i] ?? 0);
  return clip(out);
}

export function clip(x: Float32Array): Float32Array {
  let peak = 0;
  for (const v of x) peak = Math.max(peak, Math.abs(v));
  if (peak > 0.99) for (let i = 0; i < x.length; i += 1) x[i] = ((x[i] ?? 0) / peak) * 0.99;
  return x;
}

export function concat(parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
