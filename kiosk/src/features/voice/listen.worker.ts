/**
 * The listening worker: Silero VAD and the command spotter over the microphone's 16 kHz frames, in
 * onnxruntime-web. Audio stays in this worker; only events leave it.
 */
import { expose } from 'comlink';
import {
  CommandSpotter,
  DEFAULT_VAD_CONFIG,
  INITIAL_VAD_STATE,
  SileroVad,
  onnxCommandHead,
  onnxFeatureModels,
  vadStep,
  type DetectorConfig,
  type VadState,
} from '@frontdesk/models/speech';
import commandsManifest from '../../../../models/commands/model/manifest.json';
import type { ListenEvent, ListenLoaded, ListenWorkerApi } from './listen-protocol.js';
import { loadModelAsset } from '../../models/assets.js';
import { configuredOrt } from '../../models/ort.js';

/** A command counts only this soon after the VAD last heard speech (noise alone cannot trigger one). */
const SPEECH_RECENT_MS = 1200;

/** The page's callback (a Comlink proxy); a page that has gone needs no events. */
let notify: (event: ListenEvent) => unknown = () => undefined;
const post = (event: ListenEvent) => void Promise.resolve(notify(event)).catch(() => undefined);

let vad: SileroVad | null = null;
let spotter: CommandSpotter | null = null;
let vadState: VadState = INITIAL_VAD_STATE;
let lastSpeechMs = -Infinity;
let frames = 0;
let queue: Promise<void> = Promise.resolve();
let port: MessagePort | null = null;

async function load(): Promise<void> {
  const runtime = configuredOrt();
  // This worker is the kiosk's audio thread already: one wasm thread keeps the other core for the UI.
  runtime.env.wasm.numThreads = 1;
  const ort = runtime;
  const bytes = async (id: string) => new Uint8Array(await loadModelAsset(id));
  const [vadBytes, melBytes, embBytes, headBytes] = await Promise.all([
    bytes('silero-vad'),
    bytes('oww-melspectrogram'),
    bytes('oww-embedding'),
    bytes('voice-commands'),
  ]);
  vad = await SileroVad.create(ort, vadBytes);
  const features = await onnxFeatureModels(ort, melBytes, embBytes);
  const { head } = await onnxCommandHead(ort, headBytes);
  spotter = new CommandSpotter(features, head, commandsManifest.detector as DetectorConfig);
}

async function onFrame(frame: Float32Array): Promise<void> {
  if (!vad || !spotter) return;
  frames += 1;
  const nowMs = frames * DEFAULT_VAD_CONFIG.frameMs;
  const p = await vad.probability(frame);
  if (p >= DEFAULT_VAD_CONFIG.positiveThreshold) lastSpeechMs = nowMs;
  const step = vadStep(vadState, p, DEFAULT_VAD_CONFIG);
  vadState = step.state;
  for (const e of step.events) {
    if (e.type === 'speech_start') post({ type: 'speech', on: true });
    if (e.type === 'speech_end') post({ type: 'speech', on: false });
  }
  for (const d of await spotter.push(frame)) {
    if (nowMs - lastSpeechMs > SPEECH_RECENT_MS) continue;
    post({ type: 'command', command: d.command, probability: d.probability, atMs: d.atMs });
  }
}

function failure(cause: unknown): Extract<ListenLoaded, { type: 'failed' }> {
  const file = (cause as { file?: unknown }).file;
  return {
    type: 'failed',
    code: String((cause as { code?: unknown }).code ?? 'LISTEN_FAILED'),
    ...(typeof file === 'string' ? { file } : {}),
    message: cause instanceof Error ? cause.message : String(cause),
  };
}

const fail = (cause: unknown) => post(failure(cause));

let loading: Promise<void> | null = null;

const api: ListenWorkerApi = {
  async load(onEvent) {
    notify = onEvent;
    loading ??= load();
    try {
      await loading;
      return { type: 'ready' };
    } catch (cause) {
      // A failed load is tried again on the next call (the page starts a new worker for it).
      loading = null;
      return failure(cause);
    }
  },
  audio(next) {
    port?.close();
    port = next;
    vad?.reset();
    spotter?.reset();
    vadState = INITIAL_VAD_STATE;
    frames = 0;
    lastSpeechMs = -Infinity;
    port.onmessage = (m: MessageEvent<Float32Array>) => {
      // Frames are processed strictly in order; a slow model delays, never reorders them.
      queue = queue.then(() => onFrame(m.data)).catch(fail);
    };
  },
  stop() {
    port?.close();
    port = null;
  },
};

expose(api);
