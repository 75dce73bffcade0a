import type { Lang } from '@frontdesk/protocol';
import type { KioskState } from '../app/state.js';

/** What the kiosk's voice should do after one change of state. */
export interface SpeechCommand {
  /** Stop what is being said now. */
  stop: boolean;
  /** Then say this (the newest answer), or nothing. */
  say: { lineId: string; text: string; lang: Lang } | null;
}

const NOTHING: SpeechCommand = { stop: false, say: null };

/**
 * The pure rule behind the `Speaker`: speech stops when the guest asks something new, the screen
 * changes (including the return to the attract screen when the guest leaves), the language changes or
 * the guest mutes; a new assistant line is spoken when speech is on and the voice works.
 * `notUnderstood` is the line shown for an empty assistant text (the dialogue had no answer).
 */
export function speechCommand(
  prev: KioskState,
  next: KioskState,
  notUnderstood: (lang: Lang) => string,
): SpeechCommand {
  if (prev === next) return NOTHING;
  const sameConversation = prev.conversationId === next.conversationId && prev.screen === next.screen;
  const muted = prev.speech.on && !next.speech.on;
  const newLines = sameConversation ? next.transcript.slice(prev.transcript.length) : [];
  const guestSpoke = newLines.some((l) => l.role === 'guest');
  const stop =
    !sameConversation ||
    prev.lang !== next.lang ||
    muted ||
    guestSpoke ||
    (next.speech.failed && !prev.speech.failed);
  const answer = newLines.filter((l) => l.role === 'assistant').at(-1);
  const canSpeak = next.speech.on && !next.speech.failed && next.screen !== 'attract';
  const say =
    answer && canSpeak
      ? {
          lineId: answer.id,
          text: answer.text === '' ? notUnderstood(next.lang) : answer.text,
          lang: next.lang,
        }
      : null;
  return stop || say ? { stop: stop || say !== null, say } : NOTHING;
}
