import { useMemo } from 'preact/hooks';
import { useConsoleState, useNow, useText } from '../../app/context.js';
import { DutyBar } from '../duty/DutyBar.js';
import { inboxEntries, type InboxEntry } from './inbox.js';
import { PriorityBadge, SlaClock } from './SlaBadge.js';

function EntryRow({ entry, now }: { entry: InboxEntry; now: number }) {
  const t = useText();
  const state = useConsoleState();
  const placeName = (id: string | null) =>
    id ? (state.kb?.places.find((p) => p.id === id)?.name[state.lang] ?? id) : null;
  if (entry.kind === 'escalation') {
    const e = entry.item;
    return (
      <li>
        <a class="entry" href={`#/item/${e.id}`} data-id={e.id} data-kind="escalation">
          <span class="entry-head">
            <PriorityBadge priority={e.priority} />
            <span class="kind">{t.kindEscalation}</span>
            <span class="status">{t.escalationStatus[e.status]}</span>
            <SlaClock dueAt={entry.dueAt} now={now} />
            {e.unstaffed && (
              <span class="unstaffed" data-unstaffed>
                {t.unstaffed}
              </span>
            )}
          </span>
          <span class="entry-title">{e.summary}</span>
          <span class="entry-meta">
            {[t.trigger[e.trigger], t.skill[e.skill], placeName(e.place)].filter(Boolean).join(' · ')}
          </span>
        </a>
      </li>
    );
  }
  const tk = entry.item;
  return (
    <li>
      <a class="entry" href={`#/ticket/${tk.id}`} data-id={tk.id} data-kind="ticket">
        <span class="entry-head">
          <PriorityBadge priority={entry.priority} />
          <span class="kind">{t.kindTicket}</span>
          <span class="status">{t.ticketStatus[tk.status]}</span>
          {tk.unstaffed && (
            <span class="unstaffed" data-unstaffed>
              {t.unstaffed}
            </span>
          )}
        </span>
        <span class="entry-title">{tk.description}</span>
        <span class="entry-meta">
          {[t.category[tk.category], tk.room, placeName(tk.place)].filter(Boolean).join(' · ')}
        </span>
      </a>
    </li>
  );
}

/** Escalations and tickets offered to me and to my skills, most urgent first. */
export function InboxScreen() {
  const state = useConsoleState();
  const t = useText();
  const now = useNow();
  const me = state.session?.staff;
  const entries = useMemo(
    () =>
      me
        ? inboxEntries(
            Object.values(state.escalations),
            Object.values(state.tickets),
            me,
            new Set(state.offered),
          )
        : [],
    [state.escalations, state.tickets, state.offered, me],
  );
  return (
    <main class="inbox" aria-labelledby="inbox-title">
      <DutyBar />
      <h1 id="inbox-title">{t.inboxTitle}</h1>
      {entries.length === 0 ? (
        <p class="empty">{t.inboxEmpty}</p>
      ) : (
        <ul class="entries">
          {entries.map((entry) => (
            <EntryRow key={`${entry.kind}:${entry.id}`} entry={entry} now={now} />
          ))}
        </ul>
      )}
    </main>
  );
}
