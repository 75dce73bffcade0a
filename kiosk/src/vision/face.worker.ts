/**
 * Runs MediaPipe's FaceDetector off the main thread, CPU delegate (the kiosk has no GPU to count on).
 * Frames arrive as small ImageBitmaps and are closed as soon as they are read; only boxes go back.
 */
import { FaceDetector } from '@mediapipe/tasks-vision';
import type { FaceWorkerReply, FaceWorkerRequest } from './face-protocol.js';

const post = (reply: FaceWorkerReply) => self.postMessage(reply);

let detector: FaceDetector | null = null;

async function init(request: Extract<FaceWorkerRequest, { type: 'init' }>): Promise<void> {
  try {
    detector = await FaceDetector.createFromOptions(
      { wasmLoaderPath: request.wasmLoaderUrl, wasmBinaryPath: request.wasmBinaryUrl },
      {
        baseOptions: { modelAssetBuffer: new Uint8Array(request.model), delegate: 'CPU' },
        runningMode: 'IMAGE',
        // Low on purpose: presence.ts applies its own score threshold, and the diagnostics panel
        // shows faces the wake rule ignores.
        minDetectionConfidence: 0.4,
      },
    );
    post({ type: 'ready' });
  } catch (error) {
    post({ type: 'failed', message: String((error as Error).message ?? error) });
  }
}

function detect(id: number, frame: ImageBitmap): void {
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
    post({ type: 'faces', id, faces, ms });
  } catch (error) {
    post({ type: 'failed', message: String((error as Error).message ?? error) });
  } finally {
    frame.close();
  }
}

self.onmessage = (event: MessageEvent<FaceWorkerRequest>) => {
  const request = event.data;
  switch (request.type) {
    case 'init':
      void init(request);
      return;
    case 'frame':
      detect(request.id, request.frame);
      return;
    case 'close':
      // close() also flushes MediaPipe's usage log: the kiosk's CSP refuses that request.
      detector?.close();
      detector = null;
      post({ type: 'closed' });
      self.close();
      return;
  }
};
