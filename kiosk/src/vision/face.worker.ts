/**
 * Runs MediaPipe's FaceDetector off the main thread, CPU delegate (the kiosk has no GPU to count on).
 * Frames arrive as small ImageBitmaps and are closed as soon as they are read; only boxes go back.
 */
import { FaceDetector } from '@mediapipe/tasks-vision';
import { expose } from 'comlink';
import type { FaceDetection, FaceReady, FaceWorkerApi } from './face-protocol.js';

let detector: FaceDetector | null = null;

async function init(wasmLoaderUrl: string, wasmBinaryUrl: string, model: ArrayBuffer): Promise<FaceReady> {
  try {
    detector = await FaceDetector.createFromOptions(
      { wasmLoaderPath: wasmLoaderUrl, wasmBinaryPath: wasmBinaryUrl },
      {
        baseOptions: { modelAssetBuffer: new Uint8Array(model), delegate: 'CPU' },
        runningMode: 'IMAGE',
        // Low on purpose: presence.ts applies its own score threshold, and the diagnostics panel
        // shows faces the wake rule ignores.
        minDetectionConfidence: 0.4,
      },
    );
    return { type: 'ready' };
  } catch (error) {
    return { type: 'failed', message: String((error as Error).message ?? error) };
  }
}

async function detect(frame: ImageBitmap): Promise<FaceDetection> {
  const { width, height } = frame;
  try {
    if (!detector) throw new Error('face detector not ready');
    const started = performance.now();
    const result = detector.detect(frame);
    const ms = performance.now() - started;
    const faces = result.detections.flatMap((d) => {
      const box = d.boundingBox;
      if (!box) return [];
      return [
        {
          x: box.originX / width,
          y: box.originY / height,
          width: box.width / width,
          height: box.height / height,
          score: d.categories[0]?.score ?? 0,
        },
      ];
    });
    return { type: 'faces', faces, ms };
  } catch (error) {
    return { type: 'failed', message: String((error as Error).message ?? error) };
  } finally {
    frame.close();
  }
}

async function close(): Promise<void> {
  // close() also flushes MediaPipe's usage log: the kiosk's CSP refuses that request.
  detector?.close();
  detector = null;
}

expose({ init, detect, close } satisfies FaceWorkerApi);
