/**
 * Writes the golden audio fixtures of the listening tests (16 kHz mono WAV, synthesised by the npm
 * espeak-ng WASM with voices held out from the command head's training):
 * - `commands/fixtures/talk-to-person.zh.wav`: 1 s silence, "转人工", 3 s silence;
 * - `commands/fixtures/non-command.zh.wav`: 1 s silence, a question that is no command, 3 s silence;
 * - `commands/fixtures/commands/<command>.<lang>.wav`: every command phrase in both languages, one
 *   held-out voice per language (chosen before the head was evaluated on them), 1.5 s silence (the
 *   head sees 2 s windows: a listening kiosk always has audio before a phrase), the phrase, 1.5 s silence.
 * Chromium's fake microphone loops a file, so the trailing silence separates the repetitions.
 *
 *   npx tsx models/scripts/speech-fixtures.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { COMMAND_IDS, COMMAND_PHRASES } from '../src/commands/commands.js';
import { encodeWav } from '../src/audio/wav.js';
import { speakMany } from './lib/espeak.js';
import { concat } from './lib/noise.js';

const RATE = 16_000;
const out = (name: string) => new URL(`../commands/fixtures/${name}`, import.meta.url);

async function fixture(name: string, text: string, voice: string, leadS = 1, tailS = 3): Promise<void> {
  const [speech] = (await speakMany([text], { voice, speedWpm: 150 })) as [Float32Array];
  const samples = concat([new Float32Array(leadS * RATE), speech, new Float32Array(tailS * RATE)]);
  writeFileSync(out(name), encodeWav({ sampleRateHz: RATE, samples }));
  console.log(`${name}: ${(samples.length / RATE).toFixed(2)} s`);
}

await fixture('talk-to-person.zh.wav', '转人工', 'cmn+f3');
await fixture('non-command.zh.wav', '请问早餐几点开始，在几楼？', 'cmn+m8');

const VOICES = { zh: 'cmn+m5', en: 'en-us-nyc+f3' } as const;
mkdirSync(out('commands/'), { recursive: true });
for (const lang of ['zh', 'en'] as const) {
  for (const command of COMMAND_IDS) {
    await fixture(`commands/${command}.${lang}.wav`, COMMAND_PHRASES[command][lang], VOICES[lang], 1.5, 1.5);
  }
}
