/**
 * The audio side of the speech core, portable: reading espeak-ng's WAV output into float samples, and
 * measuring a result (duration, loudness) so tests and benchmarks can tell speech from silence.
 */
import { ModelError } from '../errors.js';

export interface Pcm {
  /** Mono samples in [-1, 1]. */
  samples: Float32Array;
  sampleRate: number;
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

/**
 * Reads a 16-bit PCM mono or stereo RIFF WAV (what `espeak-ng -w` writes). espeak-ng writing to a
 * stream leaves a placeholder in the data chunk's length: the chunk then runs to the end of the file.
 */
export function decodeWav(bytes: Uint8Array): Pcm {
  if (bytes.length < 44 || ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 4) !== 'WAVE')
    throw new ModelError('BAD_WAV', 'not a RIFF WAVE file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 12;
  let channels = 0;
  let sampleRate = 0;
  let bits = 0;
  while (at + 8 <= bytes.length) {
    const id = ascii(bytes, at, 4);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ') {
      const format = view.getUint16(body, true);
      channels = view.getUint16(body + 2, true);
      sampleRate = view.getUint32(body + 4, true);
      bits = view.getUint16(body + 14, true);
      if (format !== 1 || bits !== 16 || channels < 1)
        throw new ModelError(
          'BAD_WAV',
          `unsupported WAV format ${format}, ${bits} bits, ${channels} channels`,
        );
    } else if (id === 'data') {
      if (sampleRate === 0) throw new ModelError('BAD_WAV', 'data chunk before fmt chunk');
      const end = Math.min(bytes.length, size === 0 || size > bytes.length ? bytes.length : body + size);
      const frames = Math.floor((end - body) / (2 * channels));
      const samples = new Float32Array(frames);
      for (let f = 0; f < frames; f += 1) samples[f] = view.getInt16(body + f * 2 * channels, true) / 32768;
      return { samples, sampleRate };
    }
    at = body + size + (size % 2);
  }
  throw new ModelError('BAD_WAV', 'no data chunk');
}

export interface AudioStats {
  durationMs: number;
  /** Root mean square over the whole clip, in [0, 1]. */
  rms: number;
  peak: number;
  /** Share of 20 ms frames louder than -40 dBFS: speech has many, silence none. */
  voicedShare: number;
}

export function audioStats(pcm: Pcm): AudioStats {
  const { samples, sampleRate } = pcm;
  let sum = 0;
  let peak = 0;
  for (const s of samples) {
    sum += s * s;
    peak = Math.max(peak, Math.abs(s));
  }
  const frame = Math.max(1, Math.round(sampleRate * 0.02));
  let frames = 0;
  let voiced = 0;
  for (let i = 0; i + frame <= samples.length; i += frame) {
    let e = 0;
    for (let j = i; j < i + frame; j += 1) e += (samples[j] ?? 0) ** 2;
    frames += 1;
    if (Math.sqrt(e / frame) > 0.01) voiced += 1;
  }
  return {
    durationMs: sampleRate > 0 ? (samples.length / sampleRate) * 1000 : 0,
    rms: samples.length > 0 ? Math.sqrt(sum / samples.length) : 0,
    peak,
    voicedShare: frames > 0 ? voiced / frames : 0,
  };
}
