import { useMemo } from 'preact/hooks';
import { useConsoleState, useNow, useText } from '../../app/context.js';
import { PriorityBadge, SlaClock } from '../inbox/SlaBadge.js';
import { boardView } from './board.js';

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
  const placeName = (id: string | null) =>
    id ? (state.kb?.places.find((p) => p.id === id)?.name[state.lang] ?? id) : t.placeNone;
  return (
    <main class="board" aria-labelledby="board-title">
      <h1 id="board-title">{t.boardTitle}</h1>
      <section>
        <h2>{t.boardQueues}</h2>
        {view && view.queues.length > 0 ? (
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
        ) : (
          <p>{t.boardNone}</p>
        )}
      </section>
      <section>
        <h2>{t.boardBreaches}</h2>
        <ul class="entries">
          {(view?.atRisk ?? []).map(({ escalation: e }) => (
            <li key={e.id}>
              <a class="entry" href={`#/item/${e.id}`}>
                <span class="entry-head">
                  <PriorityBadge priority={e.priority} />
                  <SlaClock dueAt={e.claimDueAt} now={now} />
                </span>
                <span class="entry-title">{e.summary}</span>
              </a>
            </li>
          ))}
        </ul>
        {view?.atRisk.length === 0 && <p>{t.boardNone}</p>}
      </section>
      <section>
        <h2>{t.boardReescalated}</h2>
        <ul class="entries">
          {(view?.reescalated ?? []).map((e) => (
            <li key={e.id}>
              <a class="entry" href={`#/item/${e.id}`}>
                <span class="entry-head">
                  <PriorityBadge priority={e.priority} />
                  <span>{t.boardLevel(e.level)}</span>
                </span>
                <span class="entry-title">{e.summary}</span>
              </a>
            </li>
          ))}
        </ul>
        {view?.reescalated.length === 0 && <p>{t.boardNone}</p>}
      </section>
      <section>
        <h2>{t.boardOpen}</h2>
        <ul class="entries">
          {(view?.open ?? []).map((e) => (
            <li key={e.id}>
              <a class="entry" href={`#/item/${e.id}`} data-id={e.id}>
                <span class="entry-head">
                  <PriorityBadge priority={e.priority} />
                  <span>{t.skill[e.skill]}</span>
                  <span>{e.assignee ? t.assignedTo(e.assignee.name) : t.escalationStatus[e.status]}</span>
                </span>
                <span class="entry-title">{e.summary}</span>
              </a>
            </li>
          ))}
        </ul>
        {view?.open.length === 0 && <p>{t.boardNone}</p>}
      </section>
      <section>
        <h2>{t.boardStaff}</h2>
        <ul class="staff-list">
          {(view?.staff ?? []).map((s) => (
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
      </section>
    </main>
  );
}
