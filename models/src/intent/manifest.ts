import type { Department, Intent, Sentiment } from '../taxonomy.js';

/**
 * Describes the committed ONNX file: how to featurize for it and which output is which head. Its size
 * and sha256 are not here: they are in models/manifest.json (entry `intent`), the one list of files.
 */
export interface ModelManifest {
  readonly file: string;
  readonly featurizerVersion: number;
  readonly numBuckets: number;
  readonly inputs: { readonly ids: string; readonly weights: string };
  readonly heads: {
    readonly intent: { readonly output: string; readonly labels: readonly Intent[] };
    readonly department: { readonly output: string; readonly labels: readonly Department[] };
    readonly sentiment: { readonly output: string; readonly labels: readonly Sentiment[] };
  };
  /** How the file was trained, for the record. */
  readonly training: Readonly<Record<string, unknown>>;
}
