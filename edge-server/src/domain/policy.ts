import type { EscalationTrigger, IntentId, Priority, Sentiment } from '@frontdesk/protocol';
import type { EscalationPolicy } from './types.js';

/** The SLA every site starts with; a site may override it per priority. */
export const DEFAULT_ESCALATION_POLICIES: Readonly<Record<Priority, EscalationPolicy>> = {
  // Seconds matter in an emergency: a supervisor is paged if nobody takes it at once.
  emergency: { priority: 'emergency', claimWithinMs: 15_000, reassureAfterMs: 30_000 },
  high: { priority: 'high', claimWithinMs: 2 * 60_000, reassureAfterMs: 30_000 },
  routine: { priority: 'routine', claimWithinMs: 5 * 60_000, reassureAfterMs: 30_000 },
};

export const PRIORITY_RANK: Readonly<Record<Priority, number>> = { emergency: 0, high: 1, routine: 2 };

/** The more urgent of two priorities. */
export function higherPriority(a: Priority, b: Priority): Priority {
  return PRIORITY_RANK[a] <= PRIORITY_RANK[b] ? a : b;
}

export interface PriorityInput {
  trigger: EscalationTrigger;
  intent?: IntentId | null;
  sentiment?: Sentiment | null;
  vip?: boolean;
}

/** Emergency > complaint / angry / VIP > everything else. */
export function priorityFor({ trigger, intent, sentiment, vip }: PriorityInput): Priority {
  if (trigger === 'emergency' || intent === 'emergency') return 'emergency';
  if (
    intent === 'complaint' ||
    sentiment === 'negative' ||
    trigger === 'negative_sentiment' ||
    vip === true
  ) {
    return 'high';
  }
  return 'routine';
}

/** The policy for a priority, falling back to the defaults for priorities a site did not override. */
export function policyFor(
  priority: Priority,
  policies: Partial<Record<Priority, EscalationPolicy>> = DEFAULT_ESCALATION_POLICIES,
): EscalationPolicy {
  return policies[priority] ?? DEFAULT_ESCALATION_POLICIES[priority];
}
