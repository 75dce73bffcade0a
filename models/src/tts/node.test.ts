/**
 * The real espeak-ng (npm WASM) in Node: Mandarin and English come out as speech of a plausible length,
 * not silence, and a longer sentence lasts longer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { audioStats } from './audio.js';
import { createNodeSpeechEngine, type NodeSpeechEngine } from './node.js';
import { prepareSpeech } from './split.js';

let engine: NodeSpeechEngine;
beforeAll(async () => {
  engine = await createNodeSpeechEngine();
}, 60_000);

describe('espeak-ng in Node', () => {
  it.each([
    ['zh', '早餐时间 7:00-10:30，在二楼餐厅。', 2000, 9000],
    ['en', 'Breakfast is served 7:00-10:30 in the restaurant on the second floor.', 2000, 8000],
  ] as const)(
    '%s: speech, not silence, of a plausible duration',
    { timeout: 60_000 },
    async (lang, text, minMs, maxMs) => {
      const [piece] = prepareSpeech(text, lang);
      const pcm = await engine.synthesize(piece ?? '', lang);
      const stats = audioStats(pcm);
      expect(pcm.sampleRate).toBe(22050);
      expect(stats.durationMs).toBeGreaterThan(minMs);
      expect(stats.durationMs).toBeLessThan(maxMs);
      expect(stats.rms).toBeGreaterThan(0.02);
      expect(stats.voicedShare).toBeGreaterThan(0.4);
    },
  );

  // Timeouts only so a loaded machine does not fail them: speed is measured by the bench, not here.
  it('a longer text gives longer audio, and a slower rate longer still', { timeout: 60_000 }, async () => {
    const short = audioStats(await engine.synthesize('你好。', 'zh')).durationMs;
    const long = audioStats(await engine.synthesize('你好，欢迎光临，请问有什么可以帮您？', 'zh')).durationMs;
    const slow = audioStats(
      await engine.synthesize('你好，欢迎光临，请问有什么可以帮您？', 'zh', { rateWpm: 100 }),
    ).durationMs;
    expect(long).toBeGreaterThan(short * 2);
    expect(slow).toBeGreaterThan(long * 1.2);
  });

  it(
    'speaks a text that starts with a dash (it is read from a file, not taken as an option)',
    { timeout: 60_000 },
    async () => {
      const stats = audioStats(await engine.synthesize('-v is not an option', 'en'));
      expect(stats.durationMs).toBeGreaterThan(800);
    },
  );
});
