/**
 * The kiosk's camera, shared by every feature that needs it (booking QR codes, ID photos, fault
 * photos, face presence). Frames stay on the device: nothing here sends anything anywhere.
 */

/** Why the camera could not be used; each maps to a plain message in the guest's language. */
export type CameraProblem = 'denied' | 'unavailable' | 'busy';

export class CameraError extends Error {
  constructor(
    readonly code: CameraProblem,
    options?: { cause?: unknown },
  ) {
    super(`camera ${code}`, options);
    this.name = 'CameraError';
  }
}

export interface CameraOptions {
  /** 'environment' for a document held up to a rear camera; kiosks usually have one front camera. */
  facingMode?: 'user' | 'environment';
  idealWidth?: number;
  idealHeight?: number;
}

/** Maps getUserMedia's DOMException names to the three situations a guest can be told about. */
export function cameraProblem(error: unknown): CameraProblem {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotReadableError' || name === 'AbortError') return 'busy';
  return 'unavailable';
}

export async function openCamera(options: CameraOptions = {}): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) throw new CameraError('unavailable');
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: {
        facingMode: options.facingMode ?? 'user',
        width: { ideal: options.idealWidth ?? 1280 },
        height: { ideal: options.idealHeight ?? 720 },
      },
    });
  } catch (error) {
    throw new CameraError(cameraProblem(error), { cause: error });
  }
}

export function closeCamera(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/**
 * The current frame of a playing video, scaled so its longest side is at most `maxSide` (OCR wants
 * ≤ 960 px; larger photos only cost upload time and memory).
 */
export function grabFrame(video: HTMLVideoElement, maxSide = 1280): HTMLCanvasElement {
  const { videoWidth: w, videoHeight: h } = video;
  if (w === 0 || h === 0) throw new CameraError('unavailable');
  const scale = Math.min(1, maxSide / Math.max(w, h));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(w * scale);
  canvas.height = Math.round(h * scale);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new CameraError('unavailable');
  ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
  return canvas;
}

/** A JPEG of the current frame: what a photo step keeps (in IndexedDB) and may upload. */
export function capturePhoto(video: HTMLVideoElement, maxSide = 1280, quality = 0.85): Promise<Blob> {
  const canvas = grabFrame(video, maxSide);
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new CameraError('unavailable'))),
      'image/jpeg',
      quality,
    );
  });
}

/** RGBA pixels of the current frame, for on-device decoders (QR codes) that read raw pixels. */
export function frameImageData(video: HTMLVideoElement, maxSide = 640): ImageData {
  const canvas = grabFrame(video, maxSide);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new CameraError('unavailable');
  return ctx.getImageData(0, 0, canvas.width, canvas.height);
}
