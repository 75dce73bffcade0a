import type { Priority } from '@frontdesk/protocol';
import { useText } from '../../app/context.js';
import { slaView } from './sla.js';

/** Priority as a coloured badge with its word (never colour alone). */
export function PriorityBadge({ priority }: { priority: Priority }) {
  const t = useText();
  return (
    <span class={`badge priority-${priority}`} data-priority={priority}>
      {t.priority[priority]}
    </span>
  );
}

/** The live SLA countdown; `now` comes from the parent's ticking clock. */
export function SlaClock({ dueAt, now }: { dueAt: number | null; now: number }) {
  const t = useText();
  const v = slaView(dueAt, now);
  if (v.state === 'none' || v.clock === null) return null;
  return (
    <span class={`sla sla-${v.state}`} data-sla={v.state}>
      {t.sla[v.state](v.clock)}
    </span>
  );
}
