import { describe, expect, it } from 'vitest';
import { initialState, reduce, type Screen } from '../../app/state.js';
import { VoiceController } from './voice-controller.js';
import { INITIAL_LISTENING_STATE, reduceListening, type ListeningEvent } from './listening-state.js';
import { voiceAbilities, type SpeechRecognizer } from './speech-recognizer.js';

describe('voice state', () => {
  it('goes off → starting → listening, hears speech, remembers the command', () => {
    let s = INITIAL_LISTENING_STATE;
    for (const e of [
      { type: 'listening.starting' },
      { type: 'listening.started' },
      { type: 'listening.speech', on: true },
      { type: 'listening.command', command: 'talk_to_person' },
    ] as ListeningEvent[])
      s = reduceListening(s, e);
    expect(s).toEqual({ status: 'listening', hearing: true, heard: 'talk_to_person' });
    expect(reduceListening(s, { type: 'listening.stopped' })).toEqual(INITIAL_LISTENING_STATE);
  });

  it('ignores speech and commands when not listening', () => {
    const s = reduceListening(INITIAL_LISTENING_STATE, { type: 'listening.command', command: 'help' });
    expect(reduceListening(s, { type: 'listening.speech', on: true })).toEqual(INITIAL_LISTENING_STATE);
  });

  it('keeps listening across guests but forgets what the last guest said', () => {
    let s = reduce(initialState('zh'), { type: 'listening.started' });
    s = reduce(s, { type: 'listening.command', command: 'check_in' });
    s = reduce(s, { type: 'idle' });
    expect(s.listening).toEqual({ status: 'listening', hearing: false, heard: null });
  });

  it('a refused microphone is shown as such', () => {
    expect(reduceListening(INITIAL_LISTENING_STATE, { type: 'listening.denied' }).status).toBe('denied');
  });
});

describe('voice controller', () => {
  function setup(screen: Screen, lang: 'zh' | 'en' = 'zh', speaking = false) {
    const calls: string[] = [];
    const events: ListeningEvent[] = [];
    const voice = new VoiceController({
      actions: {
        wake: () => calls.push('wake'),
        ask: async (text) => void calls.push(`ask:${text}`),
      },
      getState: () => ({ screen, lang, speech: { speaking } }),
      dispatch: (e) => events.push(e),
    });
    return { voice, calls, events };
  }

  it('feeds a command into the dialogue as the phrase, in the language on screen', async () => {
    const zh = setup('ask', 'zh');
    await zh.voice.command('talk_to_person');
    expect(zh.calls).toEqual(['ask:转人工']);
    expect(zh.events).toEqual([{ type: 'listening.command', command: 'talk_to_person' }]);
    const en = setup('ask', 'en');
    await en.voice.command('check_out');
    expect(en.calls).toEqual(['ask:check out']);
  });

  it('on the attract screen only the wake phrase acts, and it only wakes', async () => {
    const a = setup('attract');
    await a.voice.command('check_in');
    await a.voice.command('talk_to_person');
    expect(a.calls).toEqual([]);
    expect(a.events).toEqual([]);
    const b = setup('attract');
    await b.voice.command('wake');
    expect(b.calls).toEqual(['wake']);
  });

  it('ignores what it hears while the kiosk itself is speaking (its own answer)', async () => {
    const s = setup('ask', 'zh', true);
    await s.voice.command('talk_to_person');
    expect(s.calls).toEqual([]);
    expect(s.events).toEqual([]);
  });

  it('does nothing on the staff settings and rating screens', async () => {
    for (const screen of ['settings', 'rating'] as const) {
      const s = setup(screen);
      await s.voice.command('talk_to_person');
      expect(s.calls).toEqual([]);
    }
  });
});

describe('voice abilities', () => {
  it('says commands only unless a recognizer is installed', () => {
    expect(voiceAbilities(null, true)).toEqual({ commands: true, dictation: false });
    const recognizer: SpeechRecognizer = {
      languages: ['zh', 'en'],
      transcribe: async () => ({ text: '', confidence: 0 }),
    };
    expect(voiceAbilities(recognizer, true)).toEqual({ commands: true, dictation: true });
  });
});
