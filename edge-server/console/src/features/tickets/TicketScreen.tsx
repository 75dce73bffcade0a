import { useState } from 'preact/hooks';
import { useConsoleState, useServices, useText } from '../../app/context.js';
import { Photos, PlaceMap } from '../item/Context.js';
import { TicketHistory } from './TicketHistory.js';
import { RepairPhotos } from './RepairPhotos.js';
import { nextStatuses } from './transitions.js';

/** A fault or housekeeping ticket: its details, status changes and a note, via `ticket.update`. */
export function TicketScreen({ id }: { id: string }) {
  const state = useConsoleState();
  const t = useText();
  const { controller } = useServices();
  const [note, setNote] = useState('');
  const tk = state.tickets[id];
  if (!tk)
    return (
      <main class="item">
        <p class="empty">{t.notFound}</p>
      </main>
    );
  const pending = state.pending.some((p) => p.type === 'ticket.update' && p.body.ticketId === id);
  return (
    <main class="item" aria-labelledby="ticket-title" data-ticket-status={tk.status}>
      <h1 id="ticket-title">
        {t.ticketTitle} · {t.category[tk.category]}
      </h1>
      <p class="status">{t.ticketStatus[tk.status]}</p>
      <dl class="facts">
        <dt>{t.ticketDescription}</dt>
        <dd>{tk.description}</dd>
        {tk.room && (
          <>
            <dt>{t.ticketRoom}</dt>
            <dd>{tk.room}</dd>
          </>
        )}
        {tk.faultCode && (
          <>
            <dt>{t.ticketFaultCode}</dt>
            <dd>{tk.faultCode}</dd>
          </>
        )}
        {tk.note && (
          <>
            <dt>{t.ticketNote}</dt>
            <dd>{tk.note}</dd>
          </>
        )}
      </dl>
      <form class="ticket-actions" onSubmit={(e) => e.preventDefault()}>
        <label for="ticket-note">{t.ticketNoteLabel}</label>
        <textarea
          id="ticket-note"
          rows={2}
          maxLength={1000}
          value={note}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
        {nextStatuses(tk.status).map((status) => (
          <button
            type="button"
            key={status}
            class={status === 'resolved' ? 'primary' : 'secondary'}
            disabled={pending}
            onClick={() => {
              void controller.send('ticket.update', {
                ticketId: id,
                status,
                ...(note.trim() ? { note: note.trim() } : {}),
              });
              setNote('');
            }}
          >
            {t.ticketSetStatus(t.ticketStatus[status])}
          </button>
        ))}
      </form>
      <Photos ids={tk.photoIds} />
      <TicketHistory ticket={tk} />
      <RepairPhotos ticket={tk} />
      <PlaceMap kb={state.kb} placeId={tk.place} lang={state.lang} />
    </main>
  );
}
