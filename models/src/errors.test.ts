import { describe, expect, it } from 'vitest';
import { ASSET_ERROR_CODES, AssetError } from './assets/asset-manifest.js';
import { MODEL_ERROR_CODES, ModelError } from './errors.js';

describe('ModelError, the one error type of the models workspace', () => {
  it('has a fixed list of distinct codes, the asset codes among them', () => {
    expect(new Set(MODEL_ERROR_CODES).size).toBe(MODEL_ERROR_CODES.length);
    for (const code of ASSET_ERROR_CODES) expect(MODEL_ERROR_CODES).toContain(code);
    expect(MODEL_ERROR_CODES).not.toContain('ABORTED');
  });

  it('keeps the code and the cause', () => {
    const cause = new Error('onnxruntime said no');
    const e = new ModelError('MODEL_FAILED', 'could not load the OCR model', { cause });
    expect(e).toBeInstanceOf(Error);
    expect(e).toMatchObject({ name: 'ModelError', code: 'MODEL_FAILED', cause });
  });

  it('an AssetError is a ModelError that names the file', () => {
    const e = new AssetError('ASSET_SHA256_MISMATCH', 'det.onnx', 'hash differs');
    expect(e).toBeInstanceOf(ModelError);
    expect(e).toMatchObject({ name: 'AssetError', code: 'ASSET_SHA256_MISMATCH', file: 'det.onnx' });
    expect(e.message).toBe('det.onnx: hash differs');
  });
});
