/**
 * Speech out in Chromium: the built kiosk's own espeak-ng worker and model files, driven directly
 * (no audio playback), ms per sentence from posting a sentence to receiving its PCM, p50/p95 per
 * language, plus the worker's own synthesis time and the one-off load (fetch + compile). Prints JSON.
 *
 *   npm run bench:tts -w @frontdesk/kiosk [-- --iterations 5]
 *
 * Builds the kiosk first (as the e2e tests do) and serves it with the real edge server on 127.0.0.1.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { prepareSpeech } from '@frontdesk/models';
import buildKiosk from '../e2e/build.js';
import { EdgeServer, launchBrowser } from '../e2e/harness.js';

const SENTENCES = {
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

const i = process.argv.indexOf('--iterations');
const iterations = Math.max(1, i >= 0 ? Number(process.argv[i + 1]) || 5 : 5);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
const r = (x: number): number => Math.round(x * 10) / 10;

buildKiosk();
const assets = readdirSync(fileURLToPath(new URL('../dist/assets', import.meta.url)));
const workerFile = assets.find((f) => /^espeak\.worker-.*\.js$/.test(f));
if (!workerFile) throw new Error('the kiosk build has no espeak-ng worker');

const [server, browser] = await Promise.all([EdgeServer.start(), launchBrowser()]);
try {
  const page = await browser.newPage();
  // tsx compiles this file with esbuild's keepNames: functions passed to the page call its `__name`.
  await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  await page.goto(`${server.httpUrl}/kiosk/`);
  const results: Record<string, unknown> = {};
  let loadMs = 0;
  for (const lang of ['zh', 'en'] as const) {
    const pieces = SENTENCES[lang].flatMap((s) => prepareSpeech(s, lang));
    const run = await page.evaluate(
      async ({ workerUrl, glueUrl, wasmUrl, pieces, lang, iterations }) => {
        const started = performance.now();
        const worker = new Worker(workerUrl, { type: 'module' });
        const get = async (url: string) => (await fetch(url)).arrayBuffer();
        const [glue, wasm] = await Promise.all([get(glueUrl), get(wasmUrl)]);
        const wait = () =>
          new Promise<{ type: string; synthMs?: number; message?: string }>((resolve) =>
            worker.addEventListener('message', (e) => resolve(e.data as { type: string }), { once: true }),
          );
        const ready = wait();
        worker.postMessage({ type: 'init', glue, wasm }, [glue, wasm]);
        const first = await ready;
        if (first.type !== 'ready') throw new Error(first.message ?? 'init failed');
        const loadMs = performance.now() - started;
        const roundTrip: number[] = [];
        const inWorker: number[] = [];
        let id = 0;
        for (let i = -1; i < iterations; i += 1) {
          for (const text of pieces) {
            const t0 = performance.now();
            const reply = wait();
            worker.postMessage({ type: 'synthesize', id: (id += 1), text, lang });
            const m = await reply;
            if (m.type !== 'audio') throw new Error(m.message ?? 'synthesis failed');
            // The first round is the warm-up.
            if (i >= 0) {
              roundTrip.push(performance.now() - t0);
              inWorker.push(m.synthMs ?? NaN);
            }
          }
        }
        worker.terminate();
        return { loadMs, roundTrip, inWorker };
      },
      {
        workerUrl: `/kiosk/assets/${workerFile}`,
        glueUrl: '/kiosk/models/espeak-ng.js',
        wasmUrl: '/kiosk/models/espeak-ng.wasm',
        pieces,
        lang,
        iterations,
      },
    );
    loadMs = Math.max(loadMs, run.loadMs);
    const rt = [...run.roundTrip].sort((a, b) => a - b);
    const w = [...run.inWorker].sort((a, b) => a - b);
    results[lang] = {
      sentences: pieces.length,
      runs: rt.length,
      msPerSentence: { p50: r(percentile(rt, 50)), p95: r(percentile(rt, 95)) },
      workerSynthesisMs: { p50: r(percentile(w, 50)), p95: r(percentile(w, 95)) },
      loadMs: r(run.loadMs),
    };
  }
  console.log(
    JSON.stringify(
      {
        bench: 'tts-chromium',
        engine: 'espeak-ng 1.0.2 (npm WASM) in the kiosk worker, Debian Chromium headless',
        iterations,
        results,
      },
      null,
      2,
    ),
  );
} finally {
  await browser.close();
  await server.dispose();
}
