import type { StaffEscalationView } from '@frontdesk/protocol';
import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import { useConsoleState, useNow, useText } from '../../app/context.js';
import { PriorityBadge, SlaClock } from '../inbox/SlaBadge.js';
import { boardView, type BoardView } from './board.js';
import { BoardTickets } from './BoardTickets.js';

function EscalationLinks({
  list,
  extra,
}: {
  list: StaffEscalationView[];
  extra: (e: StaffEscalationView) => ComponentChildren;
}) {
  const t = useText();
  if (list.length === 0) return <p>{t.boardNone}</p>;
  return (
    <ul class="entries">
      {list.map((e) => (
        <li key={e.id}>
          <a class="entry" href={`#/item/${e.id}`} data-id={e.id}>
            <span class="entry-head">
              <PriorityBadge priority={e.priority} />
              {extra(e)}
              {e.unstaffed && (
                <span class="unstaffed" data-unstaffed>
                  {t.unstaffed}
                </span>
              )}
            </span>
            <span class="entry-title">{e.summary}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

function Queues({ view }: { view: BoardView | null }) {
  const t = useText();
  if (!view || view.queues.length === 0) return <p>{t.boardNone}</p>;
  return (
    <table>
      <tbody>
        {view.queues.map((q) => (
          <tr key={`${q.skill}-${q.priority}`}>
            <th scope="row">{t.skill[q.skill]}</th>
            <td>
              <PriorityBadge priority={q.priority} />
            </td>
            <td>
              {t.escalationStatus.pending} {t.boardCount(q.waiting)}
            </td>
            <td>
              {t.escalationStatus.claimed} {t.boardCount(q.claimed)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function StaffList({ staff }: { staff: BoardView['staff'] }) {
  const state = useConsoleState();
  const t = useText();
  const placeName = (id: string | null) =>
    id ? (state.kb?.places.find((p) => p.id === id)?.name[state.lang] ?? id) : t.placeNone;
  return (
    <ul class="staff-list">
      {staff.map((s) => (
        <li key={s.id} data-staff={s.id}>
          <strong>{s.name}</strong>{' '}
          <span>
            {[
              s.online ? t.boardOnline : t.boardOffline,
              s.onDuty ? t.onDuty : t.boardOffDuty,
              placeName(s.place),
              t.boardLoad(s.load),
            ].join(' · ')}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Supervisors: queues by skill and priority, SLAs at risk, re-escalations, who is on duty. */
export function BoardScreen() {
  const state = useConsoleState();
  const t = useText();
  const now = useNow();
  const view = useMemo(() => (state.queue ? boardView(state.queue, now) : null), [state.queue, now]);
  if (state.session?.staff.role === 'staff')
    return (
      <main class="board">
        <p class="notice">{t.boardNoAccess}</p>
      </main>
    );
  const dueOf = new Map((view?.atRisk ?? []).map((r) => [r.escalation.id, r.escalation.claimDueAt]));
  return (
    <main class="board" aria-labelledby="board-title">
      <h1 id="board-title">{t.boardTitle}</h1>
      <section>
        <h2>{t.boardQueues}</h2>
        <Queues view={view} />
      </section>
      <section>
        <h2>{t.boardBreaches}</h2>
        <EscalationLinks
          list={(view?.atRisk ?? []).map((r) => r.escalation)}
          extra={(e) => <SlaClock dueAt={dueOf.get(e.id) ?? null} now={now} />}
        />
      </section>
      <section>
        <h2>{t.boardReescalated}</h2>
        <EscalationLinks list={view?.reescalated ?? []} extra={(e) => <span>{t.boardLevel(e.level)}</span>} />
      </section>
      <section>
        <h2>{t.boardOpen}</h2>
        <EscalationLinks
          list={view?.open ?? []}
          extra={(e) => (
            <>
              <span>{t.skill[e.skill]}</span>
              <span>{e.assignee ? t.assignedTo(e.assignee.name) : t.escalationStatus[e.status]}</span>
            </>
          )}
        />
      </section>
      <BoardTickets view={view?.tickets ?? null} now={now} />
      <section>
        <h2>{t.boardStaff}</h2>
        <StaffList staff={view?.staff ?? []} />
      </section>
    </main>
  );
}
