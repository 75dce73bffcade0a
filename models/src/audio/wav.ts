/**
 * PCM WAV in and out (RIFF, 16-bit integer or 32-bit float, any channel count; multi-channel audio is
 * mixed down to mono). Portable: DataView only, no Node Buffer.
 */
import { ModelError } from '../errors.js';

export interface MonoAudio {
  readonly sampleRateHz: number;
  /** Samples in [-1, 1]. */
  readonly samples: Float32Array;
}

function ascii(view: DataView, offset: number): string {
  return String.fromCharCode(
    view.getUint8(offset),
    view.getUint8(offset + 1),
    view.getUint8(offset + 2),
    view.getUint8(offset + 3),
  );
}

export function decodeWav(bytes: Uint8Array): MonoAudio {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 12 || ascii(view, 0) !== 'RIFF' || ascii(view, 8) !== 'WAVE') {
    throw new ModelError('BAD_WAV', 'not a RIFF/WAVE file');
  }
  let format = 0;
  let channels = 0;
  let sampleRateHz = 0;
  let bits = 0;
  let offset = 12;
  while (offset + 8 <= bytes.byteLength) {
    const id = ascii(view, offset);
    let size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      format = view.getUint16(body, true);
      channels = view.getUint16(body + 2, true);
      sampleRateHz = view.getUint32(body + 4, true);
      bits = view.getUint16(body + 14, true);
      // WAVE_FORMAT_EXTENSIBLE: the real format is the first two bytes of the sub-format GUID.
      if (format === 0xfffe && size >= 26) format = view.getUint16(body + 24, true);
    } else if (id === 'data') {
      if (channels === 0) throw new ModelError('BAD_WAV', 'data chunk before fmt chunk');
      // Streaming writers (espeak-ng writing to a pipe) leave the size at 0 or 0xffffffff.
      if (size === 0 || body + size > bytes.byteLength) size = bytes.byteLength - body;
      const bytesPerSample = bits / 8;
      const frames = Math.floor(size / (bytesPerSample * channels));
      const samples = new Float32Array(frames);
      for (let i = 0; i < frames; i += 1) {
        let sum = 0;
        for (let c = 0; c < channels; c += 1) {
          const at = body + (i * channels + c) * bytesPerSample;
          if (format === 1 && bits === 16) sum += view.getInt16(at, true) / 32768;
          else if (format === 3 && bits === 32) sum += view.getFloat32(at, true);
          else throw new ModelError('BAD_WAV', `unsupported WAV format ${format} with ${bits} bits`);
        }
        samples[i] = sum / channels;
      }
      return { sampleRateHz, samples };
    }
    offset = body + size + (size % 2);
  }
  throw new ModelError('BAD_WAV', 'no data chunk');
}

/** 16-bit mono PCM WAV. */
export function encodeWav(audio: MonoAudio): Uint8Array {
  const n = audio.samples.length;
  const bytes = new Uint8Array(44 + n * 2);
  const view = new DataView(bytes.buffer);
  const text = (offset: number, s: string) => {
    for (let i = 0; i < s.length; i += 1) view.setUint8(offset + i, s.charCodeAt(i));
  };
  text(0, 'RIFF');
  view.setUint32(4, 36 + n * 2, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, audio.sampleRateHz, true);
  view.setUint32(28, audio.sampleRateHz * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, n * 2, true);
  for (let i = 0; i < n; i += 1) {
    const s = Math.max(-1, Math.min(1, audio.samples[i] ?? 0));
    view.setInt16(44 + i * 2, Math.round(s * 32767), true);
  }
  return bytes;
}
