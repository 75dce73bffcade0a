import type { Department, Intent, Sentiment } from '../taxonomy';

/** Describes the committed ONNX file: how to featurize for it and which output is which head. */
export interface ModelManifest {
  readonly file: string;
  readonly sha256: string;
  readonly bytes: number;
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
