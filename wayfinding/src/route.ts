import { shortestPath, type Via } from './graph.js';
import type { KnowledgeBase, LocalizedString, Place } from '@frontdesk/protocol';

/**
 * Wayfinding on a knowledge base: the route between two places as floor legs (to draw) and steps in
 * words (to read), in both languages. Pure, shared by the kiosk and the phone route page the edge
 * server renders, so both say exactly the same thing.
 */

export type WayfindingKb = Pick<KnowledgeBase, 'floors' | 'places' | 'edges'>;

export interface RoutePoint {
  placeId: string;
  x: number;
  y: number;
}

/** The part of a route on one floor, in walking order. */
export interface RouteLeg {
  floor: string;
  points: RoutePoint[];
  /** How the guest leaves this floor; null on the last leg. */
  leaveBy: 'lift' | 'stairs' | null;
}

export type RouteStepKind = 'start' | 'walk' | 'turn' | 'lift' | 'stairs' | 'arrive';

export interface RouteStep {
  kind: RouteStepKind;
  /** The floor the step happens on (for a lift or stairs step: the floor it leaves). */
  floor: string;
  /** Index into `legs` of the floor this step is drawn on. */
  leg: number;
  text: LocalizedString;
  /** Walking distance of the step in whole metres (walk and turn steps). */
  distanceM?: number;
}

export interface Route {
  from: string;
  to: string;
  /** Total walking cost in metres (lift rides count as their KB equivalent). */
  costM: number;
  legs: RouteLeg[];
  steps: RouteStep[];
}

/** Bends sharper than this many degrees are announced as turns; gentler ones are "keep going". */
const TURN_MIN_DEG = 35;
/** Bends sharper than this are "turn around". */
const U_TURN_MIN_DEG = 150;

type Turn = 'left' | 'right' | 'around';

/** The bend at `b` walking a → b → c, in SVG coordinates (y grows downwards). Null: straight on. */
export function turnAt(a: RoutePoint, b: RoutePoint, c: RoutePoint): Turn | null {
  const ux = b.x - a.x;
  const uy = b.y - a.y;
  const vx = c.x - b.x;
  const vy = c.y - b.y;
  if ((ux === 0 && uy === 0) || (vx === 0 && vy === 0)) return null;
  const deg = (Math.atan2(ux * vy - uy * vx, ux * vx + uy * vy) * 180) / Math.PI;
  const abs = Math.abs(deg);
  if (abs < TURN_MIN_DEG) return null;
  if (abs >= U_TURN_MIN_DEG) return 'around';
  // With y pointing down the screen, a positive cross product is a clockwise bend: a right turn.
  return deg > 0 ? 'right' : 'left';
}

const TURN_WORDS: Record<Turn, LocalizedString> = {
  left: { zh: '左转', en: 'turn left' },
  right: { zh: '右转', en: 'turn right' },
  around: { zh: '掉头', en: 'turn around' },
};

/** Floor ids are the short labels people read on lift buttons ("B1", "3F"); the names are long. */
function floorLabel(floorId: string): LocalizedString {
  return { zh: floorId, en: floorId };
}

function metres(m: number): number {
  return Math.max(1, Math.round(m));
}

interface Hop {
  from: Place;
  to: Place;
  via: Via;
  costM: number;
}

function edgeCost(kb: WayfindingKb, a: string, b: string, via: Via): number {
  let best = Infinity;
  for (const e of kb.edges) {
    if (e.via !== via) continue;
    if ((e.from === a && e.to === b) || (e.from === b && e.to === a)) best = Math.min(best, e.costM);
  }
  return Number.isFinite(best) ? best : 0;
}

/** The route between two places of the KB, or null when either is unknown or unreachable. */
export function planRoute(kb: WayfindingKb, fromPlaceId: string, toPlaceId: string): Route | null {
  const path = shortestPath(kb, fromPlaceId, toPlaceId);
  if (!path) return null;
  const byId = new Map(kb.places.map((p) => [p.id, p]));
  const places: Place[] = [];
  for (const s of path.steps) {
    const p = byId.get(s.placeId);
    if (!p) return null;
    places.push(p);
  }
  const hops: Hop[] = [];
  for (let i = 1; i < path.steps.length; i++) {
    const step = path.steps[i];
    const from = places[i - 1];
    const to = places[i];
    if (!step?.via || !from || !to) continue;
    hops.push({ from, to, via: step.via, costM: edgeCost(kb, from.id, to.id, step.via) });
  }

  // Legs: a new leg starts whenever the floor changes.
  const first = places[0];
  if (!first) return null;
  const legs: RouteLeg[] = [{ floor: first.floor, points: [point(first)], leaveBy: null }];
  for (const hop of hops) {
    const leg = legs[legs.length - 1];
    if (!leg) break;
    if (hop.to.floor === leg.floor) leg.points.push(point(hop.to));
    else {
      leg.leaveBy = hop.via === 'stairs' ? 'stairs' : 'lift';
      legs.push({ floor: hop.to.floor, points: [point(hop.to)], leaveBy: null });
    }
  }

  const steps = describe(kb, places, hops, legs);
  return { from: fromPlaceId, to: toPlaceId, costM: Math.round(path.costM * 10) / 10, legs, steps };
}

function point(p: Place): RoutePoint {
  return { placeId: p.id, x: p.x, y: p.y };
}

/** A stretch of walking without a turn; it ends at a turn, a floor change or the destination. */
interface Run {
  m: number;
  turn: Turn | null;
  at: Place | null;
}

function describe(kb: WayfindingKb, places: Place[], hops: Hop[], legs: RouteLeg[]): RouteStep[] {
  const start = places[0];
  const end = places[places.length - 1];
  if (!start || !end) return [];
  const steps: RouteStep[] = [startStep(start)];
  if (hops.length === 0) {
    steps.push({
      kind: 'arrive',
      floor: end.floor,
      leg: 0,
      text: { zh: `您已在${end.name.zh}`, en: `You are already at ${end.name.en}` },
    });
    return steps;
  }

  let leg = 0;
  const run: Run = { m: 0, turn: null, at: null };
  const flush = (to: Place) => {
    const walked = runStep(run, to, leg);
    if (walked) steps.push(walked);
  };
  let i = 0;
  while (i < hops.length) {
    const hop = hops[i];
    if (!hop) break;
    if (hop.from.floor !== hop.to.floor || hop.via !== 'walk') {
      flush(hop.from);
      const ride = rideFrom(kb, hops, i, hop, leg);
      steps.push(ride.step);
      leg = Math.min(leg + 1, legs.length - 1);
      i = ride.last + 1;
      continue;
    }
    const prev = hops[i - 1];
    if (run.m > 0 && prev && prev.via === 'walk' && prev.from.floor === hop.from.floor) {
      const bend = turnAt(point(prev.from), point(hop.from), point(hop.to));
      if (bend) {
        flush(hop.from);
        run.turn = bend;
        run.at = hop.from;
      }
    }
    run.m += hop.costM;
    i++;
  }
  flush(end);
  steps.push({
    kind: 'arrive',
    floor: end.floor,
    leg,
    text: { zh: `到达${end.name.zh}`, en: `Arrive at ${end.name.en}` },
  });
  return steps;
}

function startStep(start: Place): RouteStep {
  return {
    kind: 'start',
    floor: start.floor,
    leg: 0,
    text: {
      zh: `从${start.name.zh}出发（${start.floor}）`,
      en: `Start at ${start.name.en} (${start.floor})`,
    },
  };
}

/** The walk (or turn and walk) that `run` covered up to `to`, or null if it covered nothing; resets `run`. */
function runStep(run: Run, to: Place, leg: number): RouteStep | null {
  if (run.m <= 0) return null;
  const d = metres(run.m);
  const { turn, at } = run;
  run.m = 0;
  run.turn = null;
  run.at = null;
  if (turn && at) {
    const t = TURN_WORDS[turn];
    return {
      kind: 'turn',
      floor: to.floor,
      leg,
      distanceM: d,
      text: {
        zh: `在${at.name.zh}${t.zh}，步行约 ${d} 米到${to.name.zh}`,
        en: `At ${at.name.en}, ${t.en} and walk about ${d} m to ${to.name.en}`,
      },
    };
  }
  return {
    kind: 'walk',
    floor: to.floor,
    leg,
    distanceM: d,
    text: { zh: `步行约 ${d} 米到${to.name.zh}`, en: `Walk about ${d} m to ${to.name.en}` },
  };
}

/**
 * The floor change that starts at `hop` (`hops[i]`): consecutive lift (or stairs) hops are one ride ("take the
 * lift to 3F"). Returns the step and the index of the ride's last hop.
 */
function rideFrom(
  kb: WayfindingKb,
  hops: Hop[],
  i: number,
  hop: Hop,
  leg: number,
): { step: RouteStep; last: number } {
  let last = hop;
  let lastIndex = i;
  while (lastIndex + 1 < hops.length) {
    const next = hops[lastIndex + 1];
    if (!next || next.via !== hop.via || next.from.floor === next.to.floor) break;
    last = next;
    lastIndex++;
  }
  const target = floorLabel(last.to.floor);
  const up = levelOf(kb, last.to.floor) > levelOf(kb, hop.from.floor);
  const step: RouteStep =
    hop.via === 'stairs'
      ? {
          kind: 'stairs',
          floor: hop.from.floor,
          leg,
          text: {
            zh: `走楼梯${up ? '上' : '下'}到 ${target.zh}`,
            en: `Take the stairs ${up ? 'up' : 'down'} to ${target.en}`,
          },
        }
      : {
          kind: 'lift',
          floor: hop.from.floor,
          leg,
          text: { zh: `乘电梯到 ${target.zh}`, en: `Take the lift to ${target.en}` },
        };
  return { step, last: lastIndex };
}

function levelOf(kb: WayfindingKb, floorId: string): number {
  return kb.floors.find((f) => f.id === floorId)?.level ?? 0;
}
