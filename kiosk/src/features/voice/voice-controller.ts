import { commandAction, type CommandId } from '@frontdesk/models/speech';
import type { Lang } from '@frontdesk/protocol';
import type { Screen } from '../../app/vocabulary.js';
import type { ListeningEvent } from './listening-state.js';

/** What the voice controller needs of the kiosk: the same methods the touch screens call. */
export interface DialogueActions {
  wake(): void;
  ask(text: string): Promise<void>;
}

export interface VoiceControllerDeps {
  readonly actions: DialogueActions;
  readonly getState: () => {
    readonly screen: Screen;
    readonly lang: Lang;
    /** Speech out: while the kiosk itself is speaking. */
    readonly speech?: { readonly speaking: boolean };
  };
  readonly dispatch: (event: ListeningEvent) => void;
}

/**
 * A detected command goes into the same dialogue pipeline as typed text: "转人工" is asked as
 * "转人工" (and the policy escalates), "我要入住" starts check-in, the wake phrase wakes the kiosk.
 */
export class VoiceController {
  constructor(private readonly deps: VoiceControllerDeps) {}

  async command(command: CommandId): Promise<void> {
    const { screen, lang, speech } = this.deps.getState();
    // The staff settings screen is not a guest's; the rating screen takes touches only.
    if (screen === 'settings' || screen === 'rating') return;
    // The kiosk's loudspeaker is next to its microphone and there is no echo cancellation: an answer
    // that says "转人工" or "check in" must not command the kiosk that is reading it out.
    if (speech?.speaking) return;
    // On the attract screen nobody is using the kiosk (a guest who walks up wakes it: the camera sees
    // them, or they touch it): the microphone hears the lobby, so only the wake phrase acts there. A
    // false accept of "转人工" from passers-by would page staff for nobody.
    if (screen === 'attract' && command !== 'wake') return;
    this.deps.dispatch({ type: 'listening.command', command });
    const action = commandAction(command, lang);
    if (screen === 'attract') this.deps.actions.wake();
    if (action.kind === 'ask') await this.deps.actions.ask(action.text);
  }
}
