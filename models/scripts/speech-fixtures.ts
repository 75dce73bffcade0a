/**
 * Writes the golden audio fixtures of the listening tests (16 kHz mono WAV, synthesised by the npm
 * espeak-ng WASM with voices held out from the command head's training):
 * - `commands/fixtures/talk-to-person.zh.wav`: 1 s silence, "转人工", 3 s silence;
 * - `commands/fixtures/non-command.zh.wav`: 1 s silence, a question that is no command, 3 s silence.
 * Chromium's fake microphone loops a file, so the trailing silence separates the repetitions.
 *
 *   npx tsx models/scripts/speech-fixtures.ts
 */
import { writeFileSync } from 'node:fs';
import { encodeWav } from '../src/audio/wav.js';
import { speakMany } from './lib/espeak.js';
import { concat } from './lib/noise.js';

const RATE = 16_000;
const out = (name: string) => new URL(`../commands/fixtures/${name}`, import.meta.url);

async function fixture(name: string, text: string, voice: string): Promise<void> {
  const [speech] = (await speakMany([text], { voice, speedWpm: 150 })) as [Float32Array];
  const samples = concat([new Float32Array(RATE), speech, new Float32Array(3 * RATE)]);
  writeFileSync(out(name), encodeWav({ sampleRateHz: RATE, samples }));
  console.log(`${name}: ${(samples.length / RATE).toFixed(2)} s`);
}

await fixture('talk-to-person.zh.wav', '转人工', 'cmn+f3');
await fixture('non-command.zh.wav', '请问早餐几点开始，在几楼？', 'cmn+m8');
