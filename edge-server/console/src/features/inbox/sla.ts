import type { Priority } from '@frontdesk/protocol';

/** Below this much time left an SLA is "about to breach": amber on the inbox and on the board. */
export const SLA_SOON_MS = 60_000;

export type SlaState = 'none' | 'ok' | 'soon' | 'breached';

export interface SlaView {
  state: SlaState;
  /** Time left (negative once breached); null without a deadline. */
  remainingMs: number | null;
  /** `m:ss` of the time left, or of the time past the deadline once breached. */
  clock: string | null;
}

function clock(ms: number): string {
  const totalS = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(totalS / 3600);
  const m = Math.floor((totalS % 3600) / 60);
  const s = String(totalS % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** The live countdown to `dueAt` at `now` (the caller ticks `now` once a second). */
export function slaView(dueAt: number | null, now: number, soonMs = SLA_SOON_MS): SlaView {
  if (dueAt === null) return { state: 'none', remainingMs: null, clock: null };
  const remainingMs = dueAt - now;
  // Rounded up while counting down, so 0:00 shows only when the deadline has actually passed.
  const shown = remainingMs > 0 ? Math.ceil(remainingMs / 1000) * 1000 : remainingMs;
  const state: SlaState = remainingMs <= 0 ? 'breached' : remainingMs <= soonMs ? 'soon' : 'ok';
  return { state, remainingMs, clock: clock(shown) };
}

export const PRIORITY_RANK: Record<Priority, number> = { emergency: 0, high: 1, routine: 2 };
