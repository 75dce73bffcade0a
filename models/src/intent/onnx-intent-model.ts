/**
 * IntentModel over the committed ONNX file, for any onnxruntime flavour: the caller passes the runtime
 * (onnxruntime-node on the server and in `ask`, onnxruntime-web in the kiosk, WeChat's own in the
 * mini-program through an adapter) as the structural `Ort` of `../ort/adapter`, so this file imports no
 * runtime itself.
 */
import { intentAllowedAt, type Department, type Intent, type Sentiment } from '../taxonomy.js';
import { FEATURIZER_VERSION, featurize, type Features } from '../text/featurize.js';
import type {
  ClassifyContext,
  IntentModel,
  IntentPrediction,
  IntentReason,
  ScoredIntent,
} from './intent-model.js';
import { ModelError } from '../errors.js';
import { floatOutput, loadSession, runSession, type Ort, type OrtSession } from '../ort/adapter.js';
import type { ModelManifest } from './manifest.js';
import { findRedFlag, mentionsChild } from './red-flags.js';

export interface Thresholds {
  /** Below this probability the best intent is not trusted and the answer is out_of_scope. */
  readonly minConfidence: number;
  /** The department head must be this sure of `emergency` to turn a triage sentence into an emergency. */
  readonly departmentEmergency: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { minConfidence: 0.2, departmentEmergency: 0.5 };

export interface RawOutputs {
  readonly intent: Float32Array;
  readonly department: Float32Array;
  readonly sentiment: Float32Array;
}

function argmax(values: ArrayLike<number>, allowed?: (i: number) => boolean): number {
  let best = -1;
  for (let i = 0; i < values.length; i += 1) {
    if (allowed !== undefined && !allowed(i)) continue;
    if (best < 0 || (values[i] ?? 0) > (values[best] ?? 0)) best = i;
  }
  return best;
}

export class OnnxIntentModel implements IntentModel {
  private constructor(
    private readonly ort: Ort,
    private readonly session: OrtSession,
    readonly manifest: ModelManifest,
    private readonly thresholds: Thresholds,
  ) {}

  /** `modelBytes` is the content of `manifest.file`; how it is read is the caller's business. */
  static async create(
    ort: Ort,
    modelBytes: Uint8Array,
    manifest: ModelManifest,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
  ): Promise<OnnxIntentModel> {
    if (manifest.featurizerVersion !== FEATURIZER_VERSION) {
      throw new ModelError(
        'MODEL_MISMATCH',
        `model was trained with featurizer v${manifest.featurizerVersion}, this code is v${FEATURIZER_VERSION}: retrain`,
      );
    }
    const session = await loadSession(ort, modelBytes, 'intent');
    for (const name of [manifest.inputs.ids, manifest.inputs.weights]) {
      if (!session.inputNames.includes(name)) {
        throw new ModelError('MODEL_MISMATCH', `model has no input ${name}`);
      }
    }
    for (const head of Object.values(manifest.heads)) {
      if (!session.outputNames.includes(head.output)) {
        throw new ModelError('MODEL_MISMATCH', `model has no output ${head.output}`);
      }
    }
    return new OnnxIntentModel(ort, session, manifest, thresholds);
  }

  featurize(text: string): Features {
    return featurize(text, this.manifest.numBuckets);
  }

  /** The three heads' probabilities for a batch of one (used by the parity test and the bench). */
  async run(features: Features): Promise<RawOutputs> {
    const n = features.ids.length;
    const out = await runSession(
      this.session,
      {
        [this.manifest.inputs.ids]: new this.ort.Tensor('int32', features.ids, [1, n]),
        [this.manifest.inputs.weights]: new this.ort.Tensor('float32', features.weights, [1, n]),
      },
      'intent',
    );
    const read = (name: string): Float32Array => floatOutput(out, name, 'intent').data;
    const { heads } = this.manifest;
    return {
      intent: read(heads.intent.output),
      department: read(heads.department.output),
      sentiment: read(heads.sentiment.output),
    };
  }

  async classify(text: string, context: ClassifyContext = {}): Promise<IntentPrediction> {
    const features = this.featurize(text);
    const raw = await this.run(features);
    return decide(text, features, raw, this.manifest, this.thresholds, context);
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}

/** Turns the heads' probabilities into a prediction: site mask, thresholds, red flags, children. Pure. */
export function decide(
  text: string,
  features: Features,
  raw: RawOutputs,
  manifest: ModelManifest,
  thresholds: Thresholds,
  context: ClassifyContext,
): IntentPrediction {
  const intents = manifest.heads.intent.labels;
  const masked = Float32Array.from(raw.intent, (p, i) =>
    intentAllowedAt(intents[i] as Intent, context.site) ? p : 0,
  );
  const total = masked.reduce((a, b) => a + b, 0) || 1;
  for (let i = 0; i < masked.length; i += 1) masked[i] = (masked[i] ?? 0) / total;
  const order = [...masked.keys()].sort((a, b) => (masked[b] ?? 0) - (masked[a] ?? 0));
  const topK: ScoredIntent[] = order
    .slice(0, context.topK ?? 3)
    .map((i) => ({ intent: intents[i] as Intent, probability: masked[i] ?? 0 }));

  const sentimentIndex = argmax(raw.sentiment);
  const sentiment = manifest.heads.sentiment.labels[sentimentIndex] as Sentiment;
  const sentimentConfidence = raw.sentiment[sentimentIndex] ?? 0;

  const best = topK[0] ?? { intent: 'out_of_scope' as const, probability: 0 };
  let intent: Intent = best.intent;
  let confidence = best.probability;
  let reason: IntentReason = 'model';
  const redFlag = findRedFlag(text);
  const hasContent = /[\p{L}]/u.test(features.normalized);

  const departments = manifest.heads.department.labels;
  const emergencyIndex = departments.indexOf('emergency');
  const modelDepartment = (): Department =>
    departments[argmax(raw.department, (i) => i !== emergencyIndex)] as Department;

  if (redFlag !== null) {
    intent = 'emergency';
    confidence = 1;
    reason = 'red_flag';
  } else if (!hasContent) {
    intent = 'out_of_scope';
    confidence = 1;
    reason = 'no_content';
  } else if (
    intent === 'hospital.triage' &&
    context.site !== 'hotel' &&
    (raw.department[emergencyIndex] ?? 0) >= thresholds.departmentEmergency
  ) {
    intent = 'emergency';
    reason = 'department_emergency';
  } else if (best.probability < thresholds.minConfidence && intent !== 'emergency') {
    intent = 'out_of_scope';
    confidence = 1 - best.probability;
    reason = 'low_confidence';
  }

  let department: Department | null = null;
  if (intent === 'emergency') department = 'emergency';
  else if (intent === 'hospital.triage') department = mentionsChild(text) ? 'pediatrics' : modelDepartment();

  return {
    text,
    normalized: features.normalized,
    lang: features.lang,
    intent,
    confidence,
    topK,
    reason,
    redFlag: redFlag?.kind ?? null,
    sentiment,
    sentimentConfidence,
    department,
  };
}
