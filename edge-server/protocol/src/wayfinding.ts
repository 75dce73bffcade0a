import { shortestPath, type Via } from './graph.js';
import type { KnowledgeBase, LocalizedString, Place } from './kb.js';

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

function describe(kb: WayfindingKb, places: Place[], hops: Hop[], legs: RouteLeg[]): RouteStep[] {
  const start = places[0];
  const end = places[places.length - 1];
  if (!start || !end) return [];
  const steps: RouteStep[] = [];
  let leg = 0;
  steps.push({
    kind: 'start',
    floor: start.floor,
    leg,
    text: {
      zh: `从${start.name.zh}出发（${start.floor}）`,
      en: `Start at ${start.name.en} (${start.floor})`,
    },
  });
  if (hops.length === 0) {
    steps.push({
      kind: 'arrive',
      floor: end.floor,
      leg,
      text: { zh: `您已在${end.name.zh}`, en: `You are already at ${end.name.en}` },
    });
    return steps;
  }

  // A run is a stretch of walking without a turn; it ends at a turn, a floor change or the destination.
  let runM = 0;
  let runTurn: Turn | null = null;
  let runAt: Place | null = null;
  let i = 0;
  const flush = (to: Place) => {
    if (runM <= 0) return;
    const d = metres(runM);
    if (runTurn && runAt) {
      const t = TURN_WORDS[runTurn];
      steps.push({
        kind: 'turn',
        floor: to.floor,
        leg,
        distanceM: d,
        text: {
          zh: `在${runAt.name.zh}${t.zh}，步行约 ${d} 米到${to.name.zh}`,
          en: `At ${runAt.name.en}, ${t.en} and walk about ${d} m to ${to.name.en}`,
        },
      });
    } else {
      steps.push({
        kind: 'walk',
        floor: to.floor,
        leg,
        distanceM: d,
        text: { zh: `步行约 ${d} 米到${to.name.zh}`, en: `Walk about ${d} m to ${to.name.en}` },
      });
    }
    runM = 0;
    runTurn = null;
    runAt = null;
  };

  while (i < hops.length) {
    const hop = hops[i];
    if (!hop) break;
    if (hop.from.floor !== hop.to.floor || hop.via !== 'walk') {
      // Floor change: consecutive lift (or stairs) hops are one ride ("take the lift to 3F").
      flush(hop.from);
      let last = hop;
      while (i + 1 < hops.length) {
        const next = hops[i + 1];
        if (!next || next.via !== hop.via || next.from.floor === next.to.floor) break;
        last = next;
        i++;
      }
      const target = floorLabel(last.to.floor);
      const up = levelOf(kb, last.to.floor) > levelOf(kb, hop.from.floor);
      steps.push(
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
            },
      );
      leg = Math.min(leg + 1, legs.length - 1);
      i++;
      continue;
    }
    const prev = hops[i - 1];
    if (runM > 0 && prev && prev.via === 'walk' && prev.from.floor === hop.from.floor) {
      const bend = turnAt(point(prev.from), point(hop.from), point(hop.to));
      if (bend) {
        flush(hop.from);
        runTurn = bend;
        runAt = hop.from;
      }
    }
    runM += hop.costM;
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

function levelOf(kb: WayfindingKb, floorId: string): number {
  return kb.floors.find((f) => f.id === floorId)?.level ?? 0;
}

// ---- the floor map ------------------------------------------------------------------------------

const SVG_ELEMENTS = new Set([
  'svg',
  'g',
  'path',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'text',
  'tspan',
  'title',
  'desc',
]);
/** Elements dropped with everything inside them (code, foreign content, external references). */
const DROP_WITH_CONTENT = new Set([
  'script',
  'style',
  'foreignobject',
  'iframe',
  'object',
  'embed',
  'image',
  'use',
  'a',
  'animate',
  'set',
  'animatetransform',
  'animatemotion',
  'handler',
  'listener',
]);
/** Elements whose content is raw text, not markup. */
const RAW_TEXT = new Set(['script', 'style']);
const SVG_ATTRIBUTES = new Set([
  'xmlns',
  'viewbox',
  'width',
  'height',
  'x',
  'y',
  'x1',
  'y1',
  'x2',
  'y2',
  'cx',
  'cy',
  'r',
  'rx',
  'ry',
  'd',
  'points',
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'transform',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'id',
  'class',
  'data-place',
  'preserveaspectratio',
]);

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const ENTITY = /&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/y;

/** Text between tags: entities kept, any other `&` escaped (it cannot hold `<`: that starts a tag). */
function sanitizeText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '&') {
      ENTITY.lastIndex = i;
      const m = ENTITY.exec(text);
      if (m) {
        out += m[0];
        i += m[0].length - 1;
      } else out += '&amp;';
    } else if (c === '>') out += '&gt;';
    else out += c;
  }
  return out;
}

/**
 * A floor map from the knowledge base, made safe to insert into a page: an allow-list of SVG shape
 * and text elements and presentation attributes is rebuilt from the source; scripts, styles, event
 * handlers, links, images and foreign content are dropped (an administrator's SVG is still input).
 */
export function sanitizeSvg(svg: string): string {
  const out: string[] = [];
  const open: string[] = [];
  /** Depth inside a dropped element: its whole content goes. */
  let dropping = 0;
  const dropStack: string[] = [];
  const tag =
    /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<[!?][^>]*>?|<(\/?)([A-Za-z][\w:.-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|</g;
  let last = 0;
  for (let m = tag.exec(svg); m !== null; m = tag.exec(svg)) {
    const text = svg.slice(last, m.index);
    if (dropping === 0 && text) out.push(sanitizeText(text));
    last = m.index + m[0].length;
    const name = m[2]?.toLowerCase();
    if (!name) continue; // a comment, CDATA, doctype, processing instruction or a stray `<`
    const closing = m[1] === '/';
    const attrs = m[3] ?? '';
    const selfClosing = /\/\s*$/.test(attrs);
    const local = name.includes(':') ? (name.split(':').pop() ?? name) : name;
    if (closing) {
      if (dropping > 0) {
        if (dropStack[dropStack.length - 1] === local) {
          dropStack.pop();
          dropping--;
        }
        continue;
      }
      if (open[open.length - 1] === local) {
        open.pop();
        out.push(`</${local}>`);
      }
      continue;
    }
    if (RAW_TEXT.has(local) && !selfClosing) {
      // Script and style content is not markup: skip straight to its end tag (or the end of input).
      const end = svg.toLowerCase().indexOf(`</${name}`, last);
      const close = end < 0 ? -1 : svg.indexOf('>', end);
      last = close < 0 ? svg.length : close + 1;
      tag.lastIndex = last;
      continue;
    }
    if (dropping > 0 || DROP_WITH_CONTENT.has(local) || !SVG_ELEMENTS.has(local)) {
      // Unknown elements go with their content too: on the safe side, a map loses a decoration at most.
      if (!selfClosing) {
        dropping++;
        dropStack.push(local);
      }
      continue;
    }
    const kept: string[] = [];
    for (const a of attrs.matchAll(/([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>/]+))/g)) {
      const attr = (a[1] ?? '').toLowerCase();
      const value = a[2] ?? a[3] ?? a[4] ?? '';
      if (!SVG_ATTRIBUTES.has(attr)) continue;
      // Presentation values may not reach out of the document (url(...) to another origin, javascript:).
      if (/url\s*\(|javascript:|expression\s*\(/i.test(value)) continue;
      if (attr === 'xmlns' && value !== 'http://www.w3.org/2000/svg') continue;
      kept.push(
        `${attr === 'viewbox' ? 'viewBox' : attr === 'preserveaspectratio' ? 'preserveAspectRatio' : attr}="${escapeAttr(value)}"`,
      );
    }
    out.push(`<${local}${kept.length ? ` ${kept.join(' ')}` : ''}${selfClosing ? '/>' : '>'}`);
    if (!selfClosing) open.push(local);
  }
  if (dropping === 0 && last < svg.length) out.push(sanitizeText(svg.slice(last)));
  while (open.length > 0) out.push(`</${open.pop() ?? 'g'}>`);
  const result = out.join('');
  return result.startsWith('<svg') ? result : `<svg xmlns="http://www.w3.org/2000/svg">${result}</svg>`;
}

export interface MapMarks {
  /** Where the guest is now (the kiosk), when it is on this floor. */
  youAreHere?: RoutePoint | null;
  /** The destination, when it is on this floor. */
  destination?: RoutePoint | null;
  labels: { youAreHere: string; destination: string };
}

/**
 * The floor's SVG, sanitised, with the leg drawn on top: the path as a polyline (`data-route`), the
 * start and the destination marked. The overlay goes last so it is drawn over the map.
 */
export function drawRoute(floorSvg: string, leg: RouteLeg | null, marks: MapMarks): string {
  const clean = sanitizeSvg(floorSvg);
  const parts: string[] = ['<g id="route-overlay">'];
  if (leg && leg.points.length > 1) {
    const pts = leg.points.map((p) => `${p.x},${p.y}`).join(' ');
    parts.push(
      `<polyline class="route-path" data-route="${escapeAttr(leg.points.map((p) => p.placeId).join(' '))}" points="${pts}" fill="none" stroke="#ffffff" stroke-width="14" stroke-linecap="round" stroke-linejoin="round"/>`,
      `<polyline class="route-path-line" points="${pts}" fill="none" stroke="#c92a2a" stroke-width="8" stroke-linecap="round" stroke-linejoin="round" stroke-dasharray="1 0"/>`,
    );
  }
  const mark = (p: RoutePoint, label: string, fill: string, cls: string) =>
    `<g class="${cls}"><circle cx="${p.x}" cy="${p.y}" r="14" fill="${fill}" stroke="#ffffff" stroke-width="4"/><text x="${p.x}" y="${p.y - 22}" text-anchor="middle" font-size="18" font-weight="bold" fill="#111111" stroke="#ffffff" stroke-width="4" paint-order="stroke">${escapeText(label)}</text><text x="${p.x}" y="${p.y - 22}" text-anchor="middle" font-size="18" font-weight="bold" fill="#111111">${escapeText(label)}</text></g>`;
  if (marks.youAreHere)
    parts.push(mark(marks.youAreHere, marks.labels.youAreHere, '#1864ab', 'you-are-here'));
  if (marks.destination)
    parts.push(mark(marks.destination, marks.labels.destination, '#c92a2a', 'destination'));
  parts.push('</g>');
  const at = clean.lastIndexOf('</svg>');
  return at < 0 ? clean : `${clean.slice(0, at)}${parts.join('')}${clean.slice(at)}`;
}
