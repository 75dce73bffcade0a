/**
 * The demo data a newcomer sees after `npm install && npm start`: one hotel, one hospital, their staff and
 * kiosks. These checks are pure functions returning a list of problems, so each can be shown to fail on a
 * broken copy of the data (see "the checks catch broken data" below).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  COMMON_INTENTS,
  DEPARTMENTS,
  HOSPITAL_INTENTS,
  HOTEL_INTENTS,
  SKILLS,
  knowledgeBaseInputSchema,
  type IntentId,
  type KnowledgeBaseInput,
  type SiteKind,
} from '@frontdesk/protocol';

const readDemo = (path: string): unknown =>
  JSON.parse(readFileSync(new URL(`../demo/${path}`, import.meta.url), 'utf8')) as unknown;

/** Demo floor maps are drawn at 10 SVG units per metre. */
const UNITS_PER_METRE = 10;
const MAX_SVG_BYTES = 20 * 1024;

interface StaffEntry {
  id: string;
  site: string;
  name: string;
  role: string;
  skills: string[];
  password: string;
  place: string;
}

interface DeviceEntry {
  id: string;
  site: string;
  kind: string;
  name: string;
  place: string;
  secret: string;
}

const KIOSK_PLACE: Record<string, string> = {
  'grand-hotel': 'h-lobby-kiosk',
  'city-hospital': 'c-main-kiosk',
};

function requiredIntents(kind: SiteKind): IntentId[] {
  return [...COMMON_INTENTS, ...(kind === 'hotel' ? HOTEL_INTENTS : HOSPITAL_INTENTS)];
}

export function faqProblems(kb: KnowledgeBaseInput): string[] {
  const problems: string[] = [];
  const required = requiredIntents(kb.kind);
  for (const intent of required) {
    const general = kb.faq.filter((f) => f.intent === intent && f.topic === undefined);
    if (general.length === 0) problems.push(`no FAQ answer for ${intent}`);
    for (const f of general) {
      if (!/[\u4e00-\u9fff]/.test(f.answer.zh)) problems.push(`${intent}: zh answer has no Chinese`);
      if (!/[A-Za-z]{3}/.test(f.answer.en) || /[\u4e00-\u9fff]/.test(f.answer.en))
        problems.push(`${intent}: en answer is not English`);
    }
  }
  for (const f of kb.faq) {
    if (!required.includes(f.intent)) problems.push(`FAQ for ${f.intent} does not belong to a ${kb.kind}`);
  }
  const keys = kb.faq.map((f) => `${f.intent}#${f.topic ?? ''}`);
  for (const k of new Set(keys))
    if (keys.filter((x) => x === k).length > 1) problems.push(`duplicate FAQ ${k}`);
  return problems;
}

export function viewBoxOf(svg: string): [number, number, number, number] | null {
  const m = /^<svg\b[^>]*\bviewBox="([^"]+)"/.exec(svg);
  if (!m?.[1]) return null;
  const n = m[1]
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  if (n.length !== 4 || n.some((v) => !Number.isFinite(v))) return null;
  return [n[0] ?? 0, n[1] ?? 0, n[2] ?? 0, n[3] ?? 0];
}

/** XML-ish: starts with <svg, ends with </svg>, tags balanced and properly nested, no stray `&` or `<`. */
export function svgProblems(svg: string): string[] {
  const problems: string[] = [];
  if (!svg.startsWith('<svg')) problems.push('does not start with <svg');
  if (!svg.trimEnd().endsWith('</svg>')) problems.push('does not end with </svg>');
  if (!svg.includes('xmlns="http://www.w3.org/2000/svg"')) problems.push('no SVG namespace');
  if (!viewBoxOf(svg)) problems.push('no valid viewBox');
  if (Buffer.byteLength(svg) >= MAX_SVG_BYTES) problems.push(`${Buffer.byteLength(svg)} bytes, over 20 KB`);
  if (/&(?![a-z]+;|#\d+;)/.test(svg)) problems.push('unescaped &');
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|</g;
  let m: RegExpExecArray | null;
  while ((m = tag.exec(svg))) {
    const [whole, closing, name, , selfClosing] = m;
    if (whole === '<') {
      problems.push(`malformed tag at ${m.index}`);
      return problems;
    }
    if (selfClosing) continue;
    if (closing) {
      const open = stack.pop();
      if (open !== name) {
        problems.push(`</${name}> closes <${open ?? 'nothing'}>`);
        return problems;
      }
    } else stack.push(name ?? '');
  }
  if (stack.length > 0) problems.push(`unclosed <${stack.join('>, <')}>`);
  return problems;
}

export function mapProblems(kb: KnowledgeBaseInput): string[] {
  const problems: string[] = [];
  const floors = new Map(kb.floors.map((f) => [f.id, f]));
  if (floors.size !== kb.floors.length) problems.push('duplicate floor id');
  const levels = kb.floors.map((f) => f.level);
  if (new Set(levels).size !== levels.length) problems.push('two floors share a level');
  for (const f of kb.floors) for (const p of svgProblems(f.svg)) problems.push(`floor ${f.id} SVG: ${p}`);

  const places = new Map(kb.places.map((p) => [p.id, p]));
  if (places.size !== kb.places.length) problems.push('duplicate place id');
  for (const p of kb.places) {
    const floor = floors.get(p.floor);
    if (!floor) {
      problems.push(`place ${p.id} is on unknown floor ${p.floor}`);
      continue;
    }
    const vb = viewBoxOf(floor.svg);
    if (vb) {
      const [x0, y0, w, h] = vb;
      if (p.x < x0 || p.x > x0 + w || p.y < y0 || p.y > y0 + h)
        problems.push(`place ${p.id} (${p.x},${p.y}) is outside the ${p.floor} map`);
    }
    if (p.kind !== 'junction' && p.aliases.length < 3) problems.push(`place ${p.id} has few aliases`);
  }

  const adj = new Map<string, string[]>([...places.keys()].map((id) => [id, []]));
  for (const e of kb.edges) {
    const a = places.get(e.from);
    const b = places.get(e.to);
    if (!a || !b) {
      problems.push(`edge ${e.from}→${e.to} names an unknown place`);
      continue;
    }
    if (e.via === 'walk') {
      if (a.floor !== b.floor) problems.push(`walk edge ${e.from}→${e.to} changes floor`);
      const metres = Math.hypot(a.x - b.x, a.y - b.y) / UNITS_PER_METRE;
      if (Math.abs(e.costM - metres) > Math.max(1, metres * 0.1))
        problems.push(`walk edge ${e.from}→${e.to} costs ${e.costM} m for ${metres.toFixed(1)} m`);
    } else {
      if (a.floor === b.floor) problems.push(`${e.via} edge ${e.from}→${e.to} stays on one floor`);
      if (a.kind !== e.via || b.kind !== e.via)
        problems.push(`${e.via} edge ${e.from}→${e.to} joins non-${e.via} places`);
    }
    adj.get(e.from)?.push(e.to);
    adj.get(e.to)?.push(e.from);
  }

  const start = KIOSK_PLACE[kb.site];
  if (!start || !places.has(start)) problems.push(`kiosk place ${start ?? '?'} missing`);
  else {
    const seen = new Set([start]);
    const queue = [start];
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      for (const next of adj.get(id) ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    for (const id of places.keys()) if (!seen.has(id)) problems.push(`${id} is not reachable from ${start}`);
  }

  if (kb.kind === 'hospital') {
    for (const d of DEPARTMENTS)
      if (!kb.places.some((p) => p.department === d)) problems.push(`no place for department ${d}`);
  }
  return problems;
}

export function faultAndRoutingProblems(kb: KnowledgeBaseInput): string[] {
  const problems: string[] = [];
  const codes = kb.faultCodes.map((c) => c.code);
  if (new Set(codes).size !== codes.length) problems.push('duplicate fault code');
  for (const c of kb.faultCodes)
    if (c.selfFix.zh.length !== c.selfFix.en.length) problems.push(`fault ${c.code}: zh and en steps differ`);
  const emergency = kb.routing.find((r) => r.when.trigger === 'emergency' || r.when.intent === 'emergency');
  if (emergency?.priority !== 'emergency') problems.push('no emergency routing rule with emergency priority');
  return problems;
}

export function peopleProblems(
  kbs: KnowledgeBaseInput[],
  staff: StaffEntry[],
  devices: DeviceEntry[],
): string[] {
  const problems: string[] = [];
  const bySite = new Map(kbs.map((kb) => [kb.site, kb]));
  const placeOn = (site: string, place: string) =>
    bySite.get(site)?.places.some((p) => p.id === place) ?? false;
  const ids = [...staff.map((s) => s.id), ...devices.map((d) => d.id)];
  if (new Set(ids).size !== ids.length) problems.push('duplicate staff or device id');

  for (const s of staff) {
    if (!bySite.has(s.site)) problems.push(`staff ${s.id}: unknown site ${s.site}`);
    else if (!placeOn(s.site, s.place)) problems.push(`staff ${s.id}: unknown place ${s.place}`);
    if (!['staff', 'supervisor', 'admin'].includes(s.role)) problems.push(`staff ${s.id}: role ${s.role}`);
    if (!/^[a-z]+(-[a-z]+)+$/.test(s.id)) problems.push(`staff ${s.id}: id is not pinyin-style`);
    if (!/[\u4e00-\u9fff]/.test(s.name)) problems.push(`staff ${s.id}: name is not Chinese`);
    if (s.password.length < 8) problems.push(`staff ${s.id}: password too short`);
    for (const k of s.skills)
      if (!(SKILLS as readonly string[]).includes(k)) problems.push(`staff ${s.id}: unknown skill ${k}`);
  }
  for (const d of devices) {
    if (d.kind !== 'kiosk') problems.push(`device ${d.id}: kind ${d.kind}`);
    if (!bySite.has(d.site)) problems.push(`device ${d.id}: unknown site ${d.site}`);
    else if (!placeOn(d.site, d.place)) problems.push(`device ${d.id}: unknown place ${d.place}`);
    if (d.secret.length < 8) problems.push(`device ${d.id}: secret too short`);
  }
  for (const kb of kbs) {
    const here = staff.filter((s) => s.site === kb.site);
    const skills = new Set(here.flatMap((s) => s.skills));
    for (const r of kb.routing)
      if (!skills.has(r.skill)) problems.push(`${kb.site}: routing names ${r.skill} but no staff has it`);
    for (const role of ['supervisor', 'admin'])
      if (!here.some((s) => s.role === role)) problems.push(`${kb.site}: no ${role}`);
    if (!devices.some((d) => d.site === kb.site)) problems.push(`${kb.site}: no kiosk`);
  }
  return problems;
}

const hotel = knowledgeBaseInputSchema.parse(readDemo('kb/hotel.json'));
const hospital = knowledgeBaseInputSchema.parse(readDemo('kb/hospital.json'));
const staff = readDemo('staff.json') as StaffEntry[];
const devices = readDemo('devices.json') as DeviceEntry[];
const clone = <T>(v: T): T => structuredClone(v);

describe('demo knowledge bases', () => {
  it('parse with the knowledge-base schema', () => {
    expect(hotel.site).toBe('grand-hotel');
    expect(hotel.kind).toBe('hotel');
    expect(hospital.site).toBe('city-hospital');
    expect(hospital.kind).toBe('hospital');
  });

  it.each([
    ['hotel', hotel],
    ['hospital', hospital],
  ])('%s: FAQ covers every common intent and every intent of its kind, in zh and en', (_, kb) => {
    expect(faqProblems(kb)).toEqual([]);
  });

  it.each([
    ['hotel', hotel],
    ['hospital', hospital],
  ])('%s: floors, SVG maps, places and a connected walkable graph', (_, kb) => {
    expect(mapProblems(kb)).toEqual([]);
    expect(kb.floors).toHaveLength(3);
  });

  it.each([
    ['hotel', hotel],
    ['hospital', hospital],
  ])('%s: fault codes and routing', (_, kb) => {
    expect(faultAndRoutingProblems(kb)).toEqual([]);
  });

  it('has enough places and fault codes', () => {
    expect(hotel.places.length).toBeGreaterThanOrEqual(25);
    expect(hospital.places.length).toBeGreaterThanOrEqual(30);
    expect(hotel.faultCodes.length).toBeGreaterThanOrEqual(10);
    expect(hospital.faultCodes.length).toBeGreaterThanOrEqual(6);
    for (const code of ['E1', 'E4', 'F21', 'E-107'])
      expect(hotel.faultCodes.map((c) => c.code)).toContain(code);
  });

  it('routes emergencies as the brief says', () => {
    expect(hotel.routing[0]).toMatchObject({ skill: 'security', priority: 'emergency' });
    expect(hospital.routing[0]).toMatchObject({ skill: 'nursing', priority: 'emergency' });
    const first = (kb: KnowledgeBaseInput, intent: IntentId) =>
      kb.routing.find((r) => r.when.intent === intent);
    expect(first(hotel, 'hotel.housekeeping')?.skill).toBe('housekeeping');
    expect(first(hotel, 'hotel.amenities')?.skill).toBe('housekeeping');
    expect(hotel.routing.find((r) => r.when.category === 'network')?.skill).toBe('front_desk');
  });
});

describe('demo staff and devices', () => {
  it('reference known sites and places, and cover every routed skill', () => {
    expect(peopleProblems([hotel, hospital], staff, devices)).toEqual([]);
    expect(devices.map((d) => d.id).sort()).toEqual([
      'kiosk-hospital-2f',
      'kiosk-hospital-main',
      'kiosk-hotel-lobby',
    ]);
    const nurses = staff.filter(
      (s) => s.site === 'city-hospital' && s.skills.includes('nursing') && s.role === 'staff',
    );
    expect(nurses).toHaveLength(3);
    const floorOf = (id: string) => hospital.places.find((p) => p.id === id)?.floor;
    expect(floorOf(devices.find((d) => d.id === 'kiosk-hospital-2f')?.place ?? '')).toBe('2F');
  });
});

describe('the checks catch broken data', () => {
  it('a missing FAQ answer, or one for the wrong kind of site', () => {
    const kb = clone(hotel);
    kb.faq = kb.faq.filter((f) => f.intent !== 'wifi');
    kb.faq.push({ intent: 'hospital.pharmacy', answer: { zh: '药房在一楼', en: 'The pharmacy is on 1F' } });
    expect(faqProblems(kb)).toEqual([
      'no FAQ answer for wifi',
      'FAQ for hospital.pharmacy does not belong to a hotel',
    ]);
  });

  it('an unreachable place, a floor-changing walk edge and a place off the map', () => {
    const kb = clone(hospital);
    kb.edges = kb.edges.filter((e) => e.from !== 'c-stomatology' && e.to !== 'c-stomatology');
    kb.edges.push({ from: 'c-lift-1f', to: 'c-radiology', via: 'walk', costM: 30 });
    const wards = kb.places.find((p) => p.id === 'c-wards');
    if (wards) wards.x = 9000;
    const problems = mapProblems(kb);
    expect(problems).toContain('c-stomatology is not reachable from c-main-kiosk');
    expect(problems).toContain('walk edge c-lift-1f→c-radiology changes floor');
    expect(problems.some((p) => p.startsWith('place c-wards') && p.includes('outside'))).toBe(true);
  });

  it('a broken SVG', () => {
    expect(svgProblems('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>')).toEqual([
      'no valid viewBox',
      '</svg> closes <g>',
    ]);
    expect(
      svgProblems('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 6"><text>A & B</text></svg>'),
    ).toEqual(['unescaped &']);
  });

  it('a routed skill nobody has, and a device at an unknown place', () => {
    const lessStaff = staff.filter((s) => !(s.site === 'grand-hotel' && s.skills.includes('housekeeping')));
    const badDevices = devices.map((d) => (d.id === 'kiosk-hotel-lobby' ? { ...d, place: 'h-nowhere' } : d));
    const problems = peopleProblems([hotel, hospital], lessStaff, badDevices);
    expect(problems).toContain('grand-hotel: routing names housekeeping but no staff has it');
    expect(problems).toContain('device kiosk-hotel-lobby: unknown place h-nowhere');
  });
});
