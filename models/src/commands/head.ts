import { SpeechError, createSession, floatOutput, runSession, type SpeechOrtLike } from '../speech-ort.js';
import { COMMAND_LABELS } from './commands.js';
import { EMBEDDING_DIM, HEAD_WINDOW_EMBEDDINGS } from './features.js';

/** 16 × 96 embeddings → probabilities in `COMMAND_LABELS` order. */
export type CommandHead = (window: Float32Array) => Promise<Float32Array>;

/** The committed head (`models/commands/model/commands.onnx`) over an ONNX runtime module. */
export async function onnxCommandHead(
  ort: SpeechOrtLike,
  bytes: Uint8Array,
  sessionOptions: Record<string, unknown> = {},
): Promise<{ head: CommandHead; close: () => Promise<void> }> {
  const session = await createSession(ort, bytes, 'command head', sessionOptions);
  const [input] = session.inputNames;
  const [output] = session.outputNames;
  if (!input || !output) throw new SpeechError('MODEL_MISMATCH', 'command head has no input or output');
  return {
    async head(window) {
      if (window.length !== HEAD_WINDOW_EMBEDDINGS * EMBEDDING_DIM) {
        throw new SpeechError(
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
        throw new SpeechError(
          'MODEL_MISMATCH',
          `command head gives ${probs.data.length} classes, not ${COMMAND_LABELS.length}`,
        );
      }
      return probs.data;
    },
    close: () => session.release(),
  };
}
