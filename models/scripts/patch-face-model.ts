/**
 * Build step: writes `face_detection_short_range.tflite` with the TFLite metadata MediaPipe Tasks'
 * FaceDetector needs (see src/face/tflite-metadata.ts for why and how). Deterministic: the same input
 * gives the same bytes, whose sha256 is in models/manifest.json.
 *
 *   npx tsx models/scripts/patch-face-model.ts [<input> <output>]
 *
 * `prepare-assets` runs it as `patchedBy` with the package's file and the file to write. Without
 * arguments it reads the file from the pinned `@mediapipe/face_detection` package and only prints the
 * size and sha256 it would write (what goes into the manifest).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { patchFaceModel } from '../src/face/tflite-metadata.js';

export const FACE_MODEL_PACKAGE = '@mediapipe/face_detection';
export const FACE_MODEL_FILE = 'face_detection_short_range.tflite';

/** The shipped model in the installed package. */
export function shippedFaceModelPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve(`${FACE_MODEL_PACKAGE}/package.json`)), FACE_MODEL_FILE);
}

export function patch(bytes: Uint8Array): Uint8Array {
  return patchFaceModel(bytes);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [inArg, out] = process.argv.slice(2);
  const input = inArg ?? shippedFaceModelPath();
  const patched = patch(new Uint8Array(readFileSync(input)));
  if (out) writeFileSync(out, patched);
  const sha256 = createHash('sha256').update(patched).digest('hex');
  process.stdout.write(`${JSON.stringify({ input, out: out ?? null, bytes: patched.length, sha256 })}\n`);
}
