import { ModelError } from '../errors.js';
import {
  floatOutput,
  loadSession,
  runSession,
  singleIo,
  type Ort,
  type OrtSessionOptions,
} from '../ort/adapter.js';
import { COMMAND_LABELS } from './commands.js';
import { EMBEDDING_DIM, HEAD_WINDOW_EMBEDDINGS } from './features.js';

/** 16 × 96 embeddings → probabilities in `COMMAND_LABELS` order. */
export type CommandHead = (window: Float32Array) => Promise<Float32Array>;

/** The committed head (`models/commands/model/commands.onnx`) over an ONNX runtime module. */
export async function onnxCommandHead(
  ort: Ort,
  bytes: Uint8Array,
  sessionOptions: OrtSessionOptions = {},
): Promise<{ head: CommandHead; close: () => Promise<void> }> {
  const session = await loadSession(ort, bytes, 'command head', sessionOptions);
  const { input, output } = singleIo(session, 'command head');
  return {
    async head(window) {
      if (window.length !== HEAD_WINDOW_EMBEDDINGS * EMBEDDING_DIM) {
        throw new ModelError(
          'BAD_INPUT',
          `a head window has ${HEAD_WINDOW_EMBEDDINGS}×${EMBEDDING_DIM} values`,
        );
      }
      const t = new ort.Tensor('float32', window, [1, HEAD_WINDOW_EMBEDDINGS, EMBEDDING_DIM]);
      const probs = floatOutput(
        await runSession(session, { [input]: t }, 'command head'),
        output,
        'command head',
      );
      if (probs.data.length !== COMMAND_LABELS.length) {
        throw new ModelError(
          'MODEL_MISMATCH',
          `command head gives ${probs.data.length} classes, not ${COMMAND_LABELS.length}`,
        );
      }
      return probs.data;
    },
    close: () => session.release(),
  };
}
