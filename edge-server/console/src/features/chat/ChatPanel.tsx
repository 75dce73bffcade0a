import type { StaffEscalationView } from '@frontdesk/protocol';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useConsoleState, useServices, useText } from '../../app/context.js';
import { quickReplies } from './quick-replies.js';
import { suggestAnswers } from './suggestions.js';

/** A reply box whose text is saved as it is typed (IndexedDB), so a reload or expiry never loses it. */
function useDraft(key: string): [string, (text: string) => void] {
  const { controller } = useServices();
  const [text, setText] = useState('');
  useEffect(() => {
    let live = true;
    void controller.draft(key).then((saved) => live && saved && setText(saved));
    return () => {
      live = false;
    };
  }, [key, controller]);
  const update = (next: string) => {
    setText(next);
    void controller.saveDraft(key, next);
  };
  return [text, update];
}

/** What can be inserted with one tap: KB answers for the guest's words, then the quick replies. */
function Chips({
  escalation,
  lastGuest,
  insert,
}: {
  escalation: StaffEscalationView;
  lastGuest: string | null;
  insert: (text: string) => void;
}) {
  const state = useConsoleState();
  const t = useText();
  const suggestions = useMemo(
    () => suggestAnswers(state.kb, { escalation, lastGuestText: lastGuest, lang: escalation.lang }),
    [state.kb, escalation, lastGuest],
  );
  const replies = useMemo(
    () => quickReplies(state.kb, t.quickReplyList, escalation.lang),
    [state.kb, t.quickReplyList, escalation.lang],
  );
  return (
    <>
      {suggestions.length > 0 && (
        <div class="chips" role="group" aria-label={t.suggestions}>
          <h3>{t.suggestions}</h3>
          {suggestions.map((s) => (
            <button
              type="button"
              class="chip suggestion"
              key={s.key}
              aria-label={t.insertAnswer(s.text)}
              onClick={() => insert(s.text)}
            >
              {s.text} <small>{t.suggestionScore(Math.round(s.score * 100))}</small>
            </button>
          ))}
        </div>
      )}
      <div class="chips" role="group" aria-label={t.quickReplies}>
        <h3>{t.quickReplies}</h3>
        {replies.map((q) => (
          <button
            type="button"
            class="chip"
            key={q.key}
            data-quick-reply={q.key}
            onClick={() => insert(q.text)}
          >
            {q.text}
          </button>
        ))}
      </div>
    </>
  );
}

/**
 * Live chat with the guest's kiosk or phone: the site's quick replies, KB suggestions, a persisted
 * draft. `joining`: a supervisor writing into a conversation someone else holds (or nobody yet).
 */
export function ChatPanel({
  escalation,
  canSend,
  joining = false,
}: {
  escalation: StaffEscalationView;
  canSend: boolean;
  joining?: boolean;
}) {
  const state = useConsoleState();
  const t = useText();
  const { controller } = useServices();
  const [draft, setDraft] = useDraft(escalation.id);
  const lines = state.chats[escalation.id] ?? [];
  const lastGuest = [...lines].reverse().find((l) => l.from === 'guest')?.text ?? null;
  const insert = (text: string) => setDraft(draft ? `${draft} ${text}` : text);
  const submit = async (e: Event) => {
    e.preventDefault();
    const text = draft.trim();
    if (!text) return;
    setDraft('');
    await controller.send('chat.send', { escalationId: escalation.id, text });
  };
  return (
    <section class="chat" aria-labelledby="chat-title">
      <h2 id="chat-title">{t.chat}</h2>
      <ol class="chat-log" aria-live="polite">
        {lines.map((l) => (
          <li key={l.id} class={`line line-${l.from}`} data-from={l.from}>
            <span class="who">{l.from === 'guest' ? t.roleGuest : (l.name ?? t.roleStaff)}</span>
            <span class="text">{l.text}</span>
            {l.pending && <span class="state">{t.sending}</span>}
            {l.failed && <span class="state failed">{t.sendFailed}</span>}
          </li>
        ))}
      </ol>
      {canSend && (
        <>
          {joining && (
            <p class="notice" data-joining>
              {t.chatJoining}
            </p>
          )}
          <Chips escalation={escalation} lastGuest={lastGuest} insert={insert} />
          <form class="reply" onSubmit={(e) => void submit(e)}>
            <label for="chat-input">{t.chatLabel}</label>
            <textarea
              id="chat-input"
              rows={3}
              maxLength={1000}
              value={draft}
              onInput={(e) => setDraft(e.currentTarget.value)}
            />
            <button type="submit" class="primary">
              {t.send}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
