import { readFileSync } from 'node:fs';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors.js';
import { floatOutput, loadSession, runSession, singleIo, type Ort, type OrtSession } from './adapter.js';

// Both runtimes are the adapter as they are: these assignments are what `tsc -b` checks (no cast).
const RUNTIMES: ReadonlyArray<[string, Ort]> = [
  ['onnxruntime-node', ortNode],
  ['onnxruntime-web', ortWeb],
];

const HEAD = readFileSync(new URL('../../commands/model/commands.onnx', import.meta.url));

describe('the onnxruntime adapter', () => {
  it.each(RUNTIMES)('loads and runs a model in %s', async (_name, ort) => {
    const session = await loadSession(ort, new Uint8Array(HEAD), 'command head');
    try {
      const { input, output } = singleIo(session, 'command head');
      const window = new Float32Array(16 * 96);
      const out = await runSession(
        session,
        { [input]: new ort.Tensor('float32', window, [1, 16, 96]) },
        'head',
      );
      const probs = floatOutput(out, output, 'command head');
      expect(probs.dims).toEqual([1, 8]);
      expect(probs.data.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    } finally {
      await session.release();
    }
  });

  it('turns a model the runtime cannot load into MODEL_FAILED with the cause kept', async () => {
    const err = await loadSession(ortNode, new Uint8Array([1, 2, 3]), 'broken').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelError);
    expect(err).toMatchObject({ code: 'MODEL_FAILED', message: 'could not load the broken model' });
    expect((err as ModelError).cause).toBeInstanceOf(Error);
  });

  it('names a failed run, a missing output and a session without inputs', async () => {
    const failing: OrtSession = {
      inputNames: [],
      outputNames: ['y'],
      run: () => Promise.reject(new Error('bad shape')),
      release: () => Promise.resolve(),
    };
    await expect(runSession(failing, {}, 'thing')).rejects.toMatchObject({
      code: 'MODEL_FAILED',
      message: 'thing inference failed',
    });
    expect(() => singleIo(failing, 'thing')).toThrow(ModelError);
    expect(() => floatOutput({ y: { data: new Int32Array(1), dims: [1] } }, 'y', 'thing')).toThrow(
      'thing output y is not float32',
    );
  });
});
