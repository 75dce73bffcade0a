/**
 * The same featurizer output must give the same probabilities in onnxruntime-node (server, `ask`) and
 * onnxruntime-web's wasm backend (kiosk), run here in Node.
 */
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCommittedModel } from './node.js';
import { OnnxIntentModel, type RawOutputs } from './onnx-intent-model.js';

const SENTENCES = [
  'where is the lift',
  '电梯在哪',
  'wifi密码多少',
  'can I 开发票',
  'my dad has chest pain and cant breathe',
  '孩子发烧咳嗽挂什么科',
  'ＷＩＦＩ　密码？？',
  'asdkjh qwpoeiru',
  '',
  'the air conditioner in room 1203 shows E4 and it is really hot in here, can someone come and look at it today please',
  '😀',
];

describe('parity: onnxruntime-node vs onnxruntime-web (wasm)', () => {
  let node: OnnxIntentModel;
  let web: OnnxIntentModel;
  beforeAll(async () => {
    const { manifest, bytes } = await readCommittedModel();
    // One thread: no worker threads inside the test process.
    ortWeb.env.wasm.numThreads = 1;
    node = await OnnxIntentModel.create(ortNode, bytes, manifest);
    web = await OnnxIntentModel.create(ortWeb, bytes, manifest);
  });
  afterAll(async () => {
    await node.close();
    await web.close();
  });

  it.each(SENTENCES)('%j gives the same outputs within 1e-5', async (text) => {
    const features = node.featurize(text);
    const [a, b] = await Promise.all([node.run(features), web.run(features)]);
    for (const head of ['intent', 'department', 'sentiment'] as const satisfies ReadonlyArray<
      keyof RawOutputs
    >) {
      expect(a[head].length).toBe(b[head].length);
      for (let i = 0; i < a[head].length; i += 1)
        expect(Math.abs((a[head][i] ?? 0) - (b[head][i] ?? 0))).toBeLessThan(1e-5);
    }
    const [pa, pb] = await Promise.all([node.classify(text), web.classify(text)]);
    expect(pb.intent).toBe(pa.intent);
    expect(pb.department).toBe(pa.department);
    expect(pb.sentiment).toBe(pa.sentiment);
  });
});
