import type { TicketView } from '@frontdesk/protocol';
import { useEffect, useState } from 'preact/hooks';
import { useConsoleState, useServices, useText } from '../../app/context.js';
import type { TicketDetail } from '../../sync/api.js';

/** `staff:li-na` → 李娜 when the board knows the name; a device or the system in words. */
function useActorName(): (actor: string) => string {
  const state = useConsoleState();
  const t = useText();
  return (actor) => {
    if (actor === 'system') return t.historySystem;
    if (actor.startsWith('device:')) return t.historyGuest;
    const id = actor.replace(/^staff:/, '');
    return state.queue?.staff.find((s) => s.id === id)?.name ?? id;
  };
}

/** The text read from the ticket's photos and its status and note history (`GET /api/tickets/:id`). */
export function TicketHistory({ ticket }: { ticket: TicketView }) {
  const state = useConsoleState();
  const t = useText();
  const { controller } = useServices();
  const actorName = useActorName();
  const [detail, setDetail] = useState<TicketDetail | null>(null);
  const [failed, setFailed] = useState(false);
  // Fetched again whenever the ticket changes, so a new note shows up in the history.
  useEffect(() => {
    let live = true;
    void controller.ticketDetail(ticket.id).then((d) => {
      if (!live) return;
      setDetail(d);
      setFailed(d === null);
    });
    return () => {
      live = false;
    };
  }, [controller, ticket.id, ticket.updatedAt, ticket.status]);
  const time = (at: number) =>
    new Date(at).toLocaleString(state.lang === 'zh' ? 'zh-CN' : 'en-GB', {
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
  return (
    <section class="ticket-history" aria-labelledby="ticket-history-title">
      {detail?.ticket.ocrText && (
        <>
          <h2>{t.ticketOcr}</h2>
          <pre class="ocr-text" data-ocr>
            {detail.ticket.ocrText}
          </pre>
        </>
      )}
      <h2 id="ticket-history-title">{t.ticketHistory}</h2>
      {failed && <p class="notice">{t.ticketHistoryFailed}</p>}
      <ol class="history">
        {(detail?.events ?? []).map((ev, i) => (
          <li key={`${ev.at}-${i}`} data-history={ev.to}>
            <time dateTime={new Date(ev.at).toISOString()}>{time(ev.at)}</time>{' '}
            <strong>
              {ev.from === null ? t.ticketCreated : t.ticketStatus[ev.from]} → {t.ticketStatus[ev.to]}
            </strong>{' '}
            <span>{t.historyBy(actorName(ev.actor))}</span>
            {ev.note && <p class="history-note">{ev.note}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
