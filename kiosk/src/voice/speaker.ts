import type { Lang } from '@frontdesk/protocol';
import type { KioskEvent, KioskState } from '../app/state.js';
import { speechCommand } from './policy.js';
import { SynthesisError, type SpeechSynthesizer } from './synthesizer.js';

export interface SpeakerDeps {
  getState(): KioskState;
  subscribe(listener: () => void): () => void;
  dispatch(event: KioskEvent): void;
  synthesizer: SpeechSynthesizer;
  /** 0–1, the staff setting. */
  volume(): number;
  notUnderstood(lang: Lang): string;
  /** Told why the voice was given up (for the console; the guest sees a plain note). */
  onFailure?(error: unknown): void;
}

/**
 * Speaking as a side effect of state changes: subscribes to the store, applies `speechCommand` to each
 * change, and reports `speaking` back into the state. Components never call the synthesizer.
 */
export class Speaker {
  /** The utterance in progress; a newer one or a stop makes older completions irrelevant. */
  private utterance = 0;
  private last: KioskState;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly deps: SpeakerDeps) {
    this.last = deps.getState();
  }

  start(): () => void {
    this.last = this.deps.getState();
    this.unsubscribe = this.deps.subscribe(() => this.changed());
    return () => this.dispose();
  }

  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.interrupt();
  }

  /** A touch anywhere on the screen: be quiet now. */
  interrupt(): void {
    this.utterance += 1;
    this.deps.synthesizer.stop();
    if (this.deps.getState().speech.speaking) this.deps.dispatch({ type: 'speech.speaking', on: false });
  }

  private changed(): void {
    const prev = this.last;
    const next = this.deps.getState();
    this.last = next;
    // A guest arrived: load the voice now rather than when the first answer is ready.
    if (prev.screen === 'attract' && next.screen !== 'attract' && next.speech.on && !next.speech.failed)
      this.prepare();
    const command = speechCommand(prev, next, this.deps.notUnderstood);
    if (command.stop) this.interrupt();
    if (command.say) this.say(command.say.text, command.say.lang);
  }

  private prepare(): void {
    this.deps.synthesizer.prepare?.().catch((error: unknown) => this.failed(error));
  }

  private failed(error: unknown): void {
    this.deps.onFailure?.(error);
    if (
      error instanceof SynthesisError &&
      error.code === 'voice_unavailable' &&
      !this.deps.getState().speech.failed
    )
      this.deps.dispatch({ type: 'speech.failed' });
  }

  private say(text: string, lang: Lang): void {
    const id = (this.utterance += 1);
    this.deps.dispatch({ type: 'speech.speaking', on: true });
    this.deps.synthesizer
      .speak(text, lang, { volume: this.deps.volume() })
      .catch((error: unknown) => this.failed(error))
      .finally(() => {
        if (id === this.utterance && this.deps.getState().speech.speaking)
          this.deps.dispatch({ type: 'speech.speaking', on: false });
      });
  }
}
