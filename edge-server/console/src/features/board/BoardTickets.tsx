import type { BoardTicketView } from '@frontdesk/protocol';
import { useState } from 'preact/hooks';
import { useConsoleState, useServices, useText } from '../../app/context.js';
import { PriorityBadge, SlaClock } from '../inbox/SlaBadge.js';
import type { BoardTickets as BoardTicketsView } from './board.js';

/** Reassign from the board: any member of the site but the one who has it (`ticket.assign`). */
function AssignForm({ ticket }: { ticket: BoardTicketView }) {
  const state = useConsoleState();
  const t = useText();
  const { controller } = useServices();
  const [staffId, setStaffId] = useState('');
  const members = (state.queue?.staff ?? []).filter((s) => s.id !== ticket.assignee?.id);
  const assigning = state.pending.some((p) => p.type === 'ticket.assign' && p.body.ticketId === ticket.id);
  const field = `assign-${ticket.id}`;
  return (
    <form
      class="assign"
      onSubmit={(ev) => {
        ev.preventDefault();
        if (!staffId) return;
        void controller.send('ticket.assign', { ticketId: ticket.id, staffId });
        setStaffId('');
      }}
    >
      <label for={field}>{t.assignTo}</label>
      <select id={field} value={staffId} onChange={(ev) => setStaffId(ev.currentTarget.value)}>
        <option value="">{t.assignChoose}</option>
        {members.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </select>
      <button type="submit" class="secondary" disabled={!staffId || assigning}>
        {t.assign}
      </button>
    </form>
  );
}

function TicketRow({ ticket, now, withForm }: { ticket: BoardTicketView; now: number; withForm: boolean }) {
  const t = useText();
  return (
    <li data-ticket={ticket.id}>
      <a class="entry" href={`#/ticket/${ticket.id}`} data-id={ticket.id}>
        <span class="entry-head">
          <PriorityBadge priority={ticket.priority} />
          <SlaClock dueAt={ticket.dueAt} now={now} />
          {ticket.escalated && <span data-escalated>{t.ticketEscalated}</span>}
          {ticket.unstaffed && (
            <span class="unstaffed" data-unstaffed>
              {t.unstaffed}
            </span>
          )}
        </span>
        <span class="entry-title">
          {t.category[ticket.category]} · {t.ticketStatus[ticket.status]} ·{' '}
          {ticket.assignee ? ticket.assignee.name : t.ticketUnassigned}
        </span>
      </a>
      {withForm && <AssignForm ticket={ticket} />}
    </li>
  );
}

/** The board's tickets: late ones (re-escalated, overdue, due soon), then every open one to reassign. */
export function BoardTickets({ view, now }: { view: BoardTicketsView | null; now: number }) {
  const t = useText();
  const list = (tickets: BoardTicketView[], withForm: boolean) =>
    tickets.length === 0 ? (
      <p>{t.boardNone}</p>
    ) : (
      <ul class="entries">
        {tickets.map((x) => (
          <TicketRow key={x.id} ticket={x} now={now} withForm={withForm} />
        ))}
      </ul>
    );
  return (
    <>
      <section>
        <h2>{t.boardTicketsAtRisk}</h2>
        {list(
          (view?.atRisk ?? []).map((r) => r.ticket),
          false,
        )}
      </section>
      <section>
        <h2>{t.boardTickets}</h2>
        {list(view?.open ?? [], true)}
      </section>
    </>
  );
}
