/**
 * Speech out (espeak-ng WASM) in Node: ms to synthesise one sentence, p50/p95 per language, after a
 * warm-up, with the real-time factor (synthesis time / audio duration). Prints one JSON object.
 *
 *   npx tsx models/scripts/bench-tts.ts [--iterations 5]
 *
 * The kiosk runs the same WASM in a worker; `kiosk/e2e/speech.test.ts` prints Chromium's figures.
 */
import { audioStats } from '../src/tts/audio.js';
import { createNodeSpeechEngine } from '../src/tts/node.js';
import { prepareSpeech } from '../src/tts/split.js';
import type { SpeechLang } from '../src/tts/normalize.js';

const ANSWERS: Record<SpeechLang, string[]> = {
  zh: [
    '早餐时间是每天 7:00-10:30，在二楼餐厅。',
    '无线网络名称是 Yunqi-Guest，密码是 yunqi2024。',
    '退房时间是中午 12:00，如需延迟退房请联系前台。',
    '电梯在大堂左侧，乘坐到 12F 后右转就是 1208 房间。',
    '停车场在 B2，住店客人免费停车。',
    '您好，请问有什么可以帮您？',
  ],
  en: [
    'Breakfast is served every day 7:00-10:30 in the restaurant on the second floor.',
    'The Wi-Fi network is Yunqi-Guest and the password is yunqi2024.',
    'Checkout is at 12:00; for a late checkout please ask at the front desk.',
    'The lift is to the left of the lobby; room 1208 is on 12F, to the right.',
    'Parking is on B2 and free for hotel guests.',
    'Hello, how can I help you?',
  ],
};

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v < 1) throw new Error(`--${name} needs a positive number`);
  return v;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
const r = (x: number): number => Math.round(x * 10) / 10;

const iterations = arg('iterations', 5);
const t0 = performance.now();
const engine = await createNodeSpeechEngine();
const loadMs = performance.now() - t0;

const results: Record<string, unknown> = {};
for (const lang of ['zh', 'en'] as const) {
  const sentences = ANSWERS[lang].flatMap((a) => prepareSpeech(a, lang));
  await engine.synthesize(sentences[0] ?? '', lang); // warm-up
  const ms: number[] = [];
  let audioMs = 0;
  let synthMs = 0;
  for (let i = 0; i < iterations; i += 1) {
    for (const s of sentences) {
      const a = performance.now();
      const pcm = await engine.synthesize(s, lang);
      const took = performance.now() - a;
      ms.push(took);
      synthMs += took;
      audioMs += audioStats(pcm).durationMs;
    }
  }
  ms.sort((x, y) => x - y);
  results[lang] = {
    voice: lang === 'zh' ? 'cmn' : 'en-us',
    sentences: sentences.length,
    runs: ms.length,
    msPerSentence: { p50: r(percentile(ms, 50)), p95: r(percentile(ms, 95)) },
    realTimeFactor: Math.round((synthMs / audioMs) * 1000) / 1000,
  };
}
console.log(
  JSON.stringify(
    { bench: 'tts', engine: 'espeak-ng 1.0.2 (npm WASM) in Node', loadMs: r(loadMs), iterations, results },
    null,
    2,
  ),
);
