import type {
  EscalationTrigger,
  FaultCategory,
  IntentId,
  Priority,
  RoutingRule,
  SiteKind,
  Skill,
} from '@frontdesk/protocol';
import type { Escalation, StaffMember, StaffPresence } from './types.js';

export interface RoutingInput {
  trigger?: EscalationTrigger | null;
  intent?: IntentId | null;
  category?: FaultCategory | null;
}

/** Highest escalation level: everyone on duty. It never goes further. */
export const MAX_LEVEL = 2;

/**
 * The first KB rule whose every condition holds. A rule with no condition matches everything, which
 * lets an administrator write a catch-all at the end.
 */
export function matchRoutingRule(rules: readonly RoutingRule[], input: RoutingInput): RoutingRule | null {
  for (const rule of rules) {
    const w = rule.when;
    if (w.trigger !== undefined && w.trigger !== input.trigger) continue;
    if (w.intent !== undefined && w.intent !== input.intent) continue;
    if (w.category !== undefined && w.category !== input.category) continue;
    return rule;
  }
  return null;
}

/** The skill a request needs when no KB rule says otherwise. */
export function defaultSkill(siteKind: SiteKind, input: RoutingInput): Skill {
  if (input.trigger === 'emergency' || input.intent === 'emergency') {
    return siteKind === 'hospital' ? 'nursing' : 'security';
  }
  if (input.intent === 'hotel.housekeeping' || input.intent === 'hotel.amenities') return 'housekeeping';
  if ((input.category !== undefined && input.category !== null) || input.intent === 'fault_report')
    return 'maintenance';
  return 'front_desk';
}

export function skillFor(rules: readonly RoutingRule[], siteKind: SiteKind, input: RoutingInput): Skill {
  return matchRoutingRule(rules, input)?.skill ?? defaultSkill(siteKind, input);
}

/** A rule may also set a priority: it can raise the computed one, never lower it. */
export function rulePriority(rules: readonly RoutingRule[], input: RoutingInput): Priority | null {
  return matchRoutingRule(rules, input)?.priority ?? null;
}

export interface Candidate {
  member: StaffMember;
  /** Null when the member has never connected: treated as offline. */
  presence: StaffPresence | null;
  /** Open escalations the member has claimed. */
  load: number;
  /** Walking cost from their place to the escalation's place; Infinity when either is unknown. */
  distanceM: number;
}

export interface Offer {
  /** The level actually used: higher than asked when nobody is available at the asked level. */
  level: number;
  staffIds: string[];
}

/** Online, on duty, enabled, of the site. */
export function available(c: Candidate, site: string): boolean {
  return (
    c.member.site === site &&
    !c.member.disabled &&
    c.presence !== null &&
    c.presence.online &&
    c.presence.onDuty
  );
}

function byNearest(a: Candidate, b: Candidate): number {
  if (a.distanceM !== b.distanceM) {
    // Infinity - Infinity is NaN; unknown distances compare equal and fall through to load.
    if (a.distanceM === Infinity) return 1;
    if (b.distanceM === Infinity) return -1;
    return a.distanceM - b.distanceM;
  }
  if (a.load !== b.load) return a.load - b.load;
  return a.member.id < b.member.id ? -1 : a.member.id > b.member.id ? 1 : 0;
}

/**
 * The one available member with the skill who is nearest, then least loaded, then by id. The member
 * in `excludeId` (who just released it) is chosen only when nobody else can take it.
 */
export function nearestWithSkill(
  site: string,
  skill: Skill,
  candidates: readonly Candidate[],
  excludeId: string | null = null,
): string | null {
  const able = candidates.filter((c) => available(c, site) && c.member.skills.includes(skill));
  const others = able.filter((c) => c.member.id !== excludeId);
  const pool = others.length > 0 ? others : able;
  const best = [...pool].sort(byNearest)[0];
  return best ? best.member.id : null;
}

function everyoneAt(
  level: number,
  site: string,
  candidates: readonly Candidate[],
  excludeId: string | null,
): string[] {
  const able = candidates.filter(
    (c) =>
      available(c, site) &&
      (level >= MAX_LEVEL || c.member.role === 'supervisor' || c.member.role === 'admin'),
  );
  const ids = [...new Set(able.map((c) => c.member.id))].sort();
  const others = ids.filter((id) => id !== excludeId);
  return others.length > 0 ? others : ids;
}

/**
 * Whom to offer an escalation to at a level: 0 → the nearest member with the skill, 1 → the site's
 * supervisors and admins, 2 → everyone on duty. A level with nobody available passes straight to the
 * next one, because waiting out a timer with nobody notified helps no one; level 2 may be empty, and
 * `tickEscalation` offers it to whoever comes on duty.
 */
export function chooseAssignees(
  escalation: Pick<Escalation, 'site' | 'skill'>,
  candidates: readonly Candidate[],
  level: number,
  excludeId: string | null = null,
): Offer {
  for (let l = Math.max(0, Math.min(level, MAX_LEVEL)); l <= MAX_LEVEL; l++) {
    const staffIds =
      l === 0
        ? [nearestWithSkill(escalation.site, escalation.skill, candidates, excludeId)].filter(
            (id): id is string => id !== null,
          )
        : everyoneAt(l, escalation.site, candidates, excludeId);
    if (staffIds.length > 0 || l === MAX_LEVEL) return { level: l, staffIds };
  }
  return { level: MAX_LEVEL, staffIds: [] };
}

/**
 * Builds candidates from the store's rows: `distances` is `distancesFrom(kb, escalationPlace)` (or
 * empty when the place is unknown), `loads` the open claimed escalations per staff id.
 */
export function buildCandidates(
  members: readonly StaffMember[],
  presences: readonly StaffPresence[],
  loads: ReadonlyMap<string, number>,
  distances: ReadonlyMap<string, number>,
): Candidate[] {
  const presenceOf = new Map(presences.map((p) => [p.staffId, p]));
  return members.map((member) => {
    const presence = presenceOf.get(member.id) ?? null;
    const place = presence?.place ?? null;
    return {
      member,
      presence,
      load: loads.get(member.id) ?? 0,
      distanceM: place === null ? Infinity : (distances.get(place) ?? Infinity),
    };
  });
}
