import { useEffect, useState } from 'preact/hooks';
import { useConsoleState, useNow, useServices, useText } from '../../app/context.js';
import { ChatPanel } from '../chat/ChatPanel.js';
import { PriorityBadge, SlaClock } from '../inbox/SlaBadge.js';
import { Intents, Photos, PlaceMap, Transcript } from './Context.js';
import { TransferForm } from './TransferForm.js';

function ClaimOutcome({ id }: { id: string }) {
  const state = useConsoleState();
  const t = useText();
  const e = state.escalations[id];
  if (!state.lostClaims.includes(id)) return null;
  const winner = e?.assignee && e.assignee.id !== state.session?.staff.id ? e.assignee.name : null;
  return (
    <p class="notice" role="alert" data-claim="lost">
      {winner ? t.claimLost(winner) : t.claimLostUnknown}
    </p>
  );
}

/** Claim, release, resolve with a note, transfer. */
function Actions({ id }: { id: string }) {
  const state = useConsoleState();
  const t = useText();
  const { controller } = useServices();
  const [note, setNote] = useState('');
  const e = state.escalations[id];
  if (!e) return null;
  const me = state.session?.staff;
  const mine = e.status === 'claimed' && e.assignee?.id === me?.id;
  const canResolve = mine || (e.status !== 'resolved' && e.status !== 'cancelled' && me?.role !== 'staff');
  const claiming = state.pending.some((p) => p.type === 'escalation.claim' && p.body.escalationId === id);
  return (
    <section class="actions">
      {e.status === 'pending' && (
        <button
          type="button"
          class="primary"
          disabled={claiming}
          onClick={() => void controller.send('escalation.claim', { escalationId: id })}
        >
          {t.claim}
        </button>
      )}
      {mine && (
        <button
          type="button"
          class="secondary"
          onClick={() => void controller.send('escalation.release', { escalationId: id })}
        >
          {t.release}
        </button>
      )}
      {canResolve && (
        <form
          class="resolve"
          onSubmit={(ev) => {
            ev.preventDefault();
            void controller.send('escalation.resolve', { escalationId: id, note: note.trim() });
            setNote('');
          }}
        >
          <label for="resolve-note">{t.resolveNote}</label>
          <input
            id="resolve-note"
            maxLength={1000}
            value={note}
            onInput={(ev) => setNote(ev.currentTarget.value)}
          />
          <button type="submit" class="secondary">
            {t.resolve}
          </button>
        </form>
      )}
      <TransferForm escalation={e} />
    </section>
  );
}

/** One escalation: context on top (Chatwoot's side panel, stacked on a phone), then the chat. */
export function ItemScreen({ id }: { id: string }) {
  const state = useConsoleState();
  const t = useText();
  const now = useNow();
  const { controller } = useServices();
  useEffect(() => void controller.open(id), [id, controller]);
  const e = state.escalations[id];
  if (!e)
    return (
      <main class="item">
        <p class="empty">{t.notFound}</p>
      </main>
    );
  const mine = e.status === 'claimed' && e.assignee?.id === state.session?.staff.id;
  // A supervisor may join any open conversation of the site, whoever holds it.
  const joining =
    !mine && state.session?.staff.role !== 'staff' && (e.status === 'pending' || e.status === 'claimed');
  return (
    <main class="item" aria-labelledby="item-title" data-status={e.status}>
      <header class="item-head">
        <PriorityBadge priority={e.priority} />
        <span class="status" data-escalation-status={e.status}>
          {t.escalationStatus[e.status]}
        </span>
        {e.status === 'pending' && <SlaClock dueAt={e.claimDueAt} now={now} />}
        {e.assignee && <span>{t.assignedTo(e.assignee.name)}</span>}
        {e.unstaffed && (
          <span class="unstaffed" data-unstaffed>
            {t.unstaffed}
          </span>
        )}
      </header>
      <h1 id="item-title">{t.trigger[e.trigger]}</h1>
      <p>
        {t.guestLang(e.lang)} · {t.skill[e.skill]}
      </p>
      <section>
        <h2>{t.summary}</h2>
        <p>{e.summary}</p>
      </section>
      <ClaimOutcome id={id} />
      <Actions id={id} />
      <ChatPanel escalation={e} canSend={mine || joining} joining={joining} />
      <Intents escalation={e} />
      <Transcript escalation={e} />
      <Photos ids={e.photoIds} />
      <PlaceMap kb={state.kb} placeId={e.place} lang={state.lang} />
    </main>
  );
}
