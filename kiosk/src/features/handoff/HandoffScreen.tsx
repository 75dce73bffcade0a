import { useState } from 'preact/hooks';
import { useKioskState, useServices, useText } from '../../app/context.js';
import { Transcript } from '../ask/AskScreen.js';
import { ContinueOnPhone } from '../phone/ContinueOnPhone.js';
import { TextInput } from '../../app/TextInput.js';

/** Waiting for a person, then a live chat with the one who claimed the request. */
export function HandoffScreen() {
  const state = useKioskState();
  const t = useText();
  const { controller } = useServices();
  const [text, setText] = useState('');
  const h = state.handoff;
  if (!h) return null;

  let status: string;
  if (h.status === 'queued') status = state.connection === 'online' ? t.escalating : t.handoffQueued;
  else if (h.status === 'claimed') status = t.handoffClaimed(h.assignee ?? t.staff);
  else if (h.status === 'resolved') status = t.handoffResolved;
  else if (h.status === 'cancelled') status = t.handoffCancelled;
  else status = t.handoffWaiting;

  const submit = (e: Event) => {
    e.preventDefault();
    const message = text;
    setText('');
    void controller.sendChat(message);
  };

  return (
    <section class="handoff" aria-labelledby="handoff-title">
      <h1 id="handoff-title">{t.handoffTitle}</h1>
      <div class="handoff-status" role="status" data-status={h.status}>
        <p class="handoff-main">{status}</p>
        {h.status === 'pending' && h.position !== null && <p>{t.handoffPosition(h.position)}</p>}
        {h.status === 'pending' && h.reassured && <p class="reassure">{t.handoffReassure}</p>}
      </div>
      <Transcript lines={h.chat} label={t.chatLog} />
      {state.notice === 'rejected' && (
        <p class="notice" role="alert">
          {t.errorRejected}
        </p>
      )}
      <form class="ask-form" onSubmit={submit}>
        <label for="chat-input" class="ask-label">
          {t.chatLabel}
        </label>
        <div class="ask-row">
          <TextInput id="chat-input" enterkeyhint="send" maxLength={1000} value={text} onValue={setText} />
          <button type="submit" class="primary">
            {t.send}
          </button>
        </div>
      </form>
      {h.status !== 'resolved' && h.status !== 'cancelled' && <ContinueOnPhone escalationId={h.id} />}
      <div class="actions">
        <button type="button" class="secondary" onClick={() => controller.finish()}>
          {t.endSession}
        </button>
      </div>
    </section>
  );
}
