/**
 * Experiment (not a build step: int8 did not win, see bench-ocr-int8.ts): writes candidate PP-OCRv4 det
 * and rec models from the pinned npm float models, for bench-ocr-int8.ts to compare with the originals.
 *
 *   npx tsx models/scripts/quantize-ocr-models.ts <out-dir> [--simplify] [--no-int8]
 *
 * --simplify: first the float rewrites of lib/onnx-simplify.ts (hardswish, affine folded into Conv).
 * int8 (default): static QDQ int8 of every Conv except the first (image input), the depthwise ones
 * (slower in int8 in wasm: see int8-feasibility.ts) and the squeeze-excitation ones on 1×1 maps (the
 * Q/DQ would cost more than the conv); activation ranges are min/max over the golden fixture images
 * (lib/ocr-calibration.ts). Prints the files' sizes and sha256: the same inputs give the same bytes.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calibrate, floatModelBytes, type OcrModel } from './lib/ocr-calibration.js';
import { convs, parseModel, quantizeConvs } from './lib/onnx-quantize.js';
import { simplifyLcnet } from './lib/onnx-simplify.js';

const out = process.argv[2];
if (!out || out.startsWith('--'))
  throw new Error('usage: quantize-ocr-models.ts <out-dir> [--simplify] [--no-int8]');
const simplify = process.argv.includes('--simplify');
const int8 = !process.argv.includes('--no-int8');

const MODELS = ['det', 'rec'] as const;
const base = {} as Record<OcrModel, Uint8Array>;
for (const m of MODELS) {
  base[m] = simplify ? simplifyLcnet(parseModel(floatModelBytes(m))).bytes : floatModelBytes(m);
}
const result = { ...base };
const convCount: Record<string, number> = {};
if (int8) {
  const eligible = (m: OcrModel) => convs(parseModel(base[m])).filter((c) => c.group === 1 && c.index > 0);
  const names = (m: OcrModel) => [...new Set(eligible(m).flatMap((c) => [c.input, c.output]))];
  const ranges = await calibrate({ det: names('det'), rec: names('rec') }, base);
  for (const m of MODELS) {
    const which = new Set(
      eligible(m)
        .filter((c) => (ranges[m].get(c.input)?.spatial ?? 0) > 1)
        .map((c) => c.index),
    );
    convCount[m] = which.size;
    result[m] = quantizeConvs(parseModel(base[m]), which, ranges[m]);
  }
}
mkdirSync(out, { recursive: true });
const files: Record<string, unknown> = {};
for (const m of MODELS) {
  const file = join(out, `ch_PP-OCRv4_${m}${simplify ? '_simple' : ''}${int8 ? '_int8' : ''}.onnx`);
  writeFileSync(file, result[m]);
  files[m] = {
    file,
    bytes: result[m].length,
    sha256: createHash('sha256').update(result[m]).digest('hex'),
    int8Convs: convCount[m] ?? 0,
  };
}
process.stdout.write(`${JSON.stringify({ simplify, int8, ...files }, null, 2)}\n`);
