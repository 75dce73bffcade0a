import { describe, expect, it } from 'vitest';
import type { Place } from '@frontdesk/protocol';
import { drawRoute } from './node.js';
import { planRoute, turnAt, type WayfindingKb } from './route.js';

const place = (id: string, floor: string, x: number, y: number, kind: Place['kind'] = 'junction'): Place => ({
  id,
  name: { zh: `${id}处`, en: id },
  aliases: [],
  floor,
  x,
  y,
  kind,
});

/**
 * 1F: kiosk (100,400) → hall (100,200) → lift (300,200); a desk east of the kiosk.
 * 2F: lift (300,200) → corridor (300,100) → room (500,100). Stairs in the west corner join both floors.
 */
function kb(): WayfindingKb {
  return {
    floors: [
      { id: '1F', name: { zh: '一楼', en: 'Ground' }, level: 1, svg: '<svg viewBox="0 0 600 500"></svg>' },
      { id: '2F', name: { zh: '二楼', en: 'First' }, level: 2, svg: '<svg viewBox="0 0 600 500"></svg>' },
    ],
    places: [
      place('kiosk', '1F', 100, 400, 'kiosk'),
      place('hall', '1F', 100, 200),
      place('desk', '1F', 300, 400, 'service'),
      place('lift1', '1F', 300, 200, 'lift'),
      place('stairs1', '1F', 0, 200, 'stairs'),
      place('lift2', '2F', 300, 200, 'lift'),
      place('stairs2', '2F', 0, 200, 'stairs'),
      place('corr2', '2F', 300, 100),
      place('room', '2F', 500, 100, 'room'),
    ],
    edges: [
      { from: 'kiosk', to: 'hall', via: 'walk', costM: 20 },
      { from: 'kiosk', to: 'desk', via: 'walk', costM: 19.6 },
      { from: 'hall', to: 'lift1', via: 'walk', costM: 20 },
      { from: 'hall', to: 'stairs1', via: 'walk', costM: 10 },
      { from: 'lift1', to: 'lift2', via: 'lift', costM: 15 },
      { from: 'stairs1', to: 'stairs2', via: 'stairs', costM: 40 },
      { from: 'lift2', to: 'corr2', via: 'walk', costM: 10 },
      { from: 'stairs2', to: 'corr2', via: 'walk', costM: 40 },
      { from: 'corr2', to: 'room', via: 'walk', costM: 20.4 },
    ],
  };
}

describe('turnAt (SVG coordinates, y down)', () => {
  const p = (x: number, y: number) => ({ placeId: `${x},${y}`, x, y });
  it('north then east is a right turn, north then west a left one', () => {
    expect(turnAt(p(0, 10), p(0, 0), p(10, 0))).toBe('right');
    expect(turnAt(p(0, 10), p(0, 0), p(-10, 0))).toBe('left');
  });
  it('gentle bends are straight on; reversing is turning around', () => {
    expect(turnAt(p(0, 0), p(10, 0), p(20, 3))).toBeNull();
    expect(turnAt(p(0, 0), p(10, 0), p(0, 1))).toBe('around');
  });
});

describe('planRoute', () => {
  it('a cross-floor route: legs per floor, the lift, turns with landmarks and distances in metres', () => {
    const route = planRoute(kb(), 'kiosk', 'room');
    expect(route).not.toBeNull();
    if (!route) return;
    expect(route.costM).toBe(85.4);
    expect(route.legs.map((l) => [l.floor, l.points.map((p) => p.placeId), l.leaveBy])).toEqual([
      ['1F', ['kiosk', 'hall', 'lift1'], 'lift'],
      ['2F', ['lift2', 'corr2', 'room'], null],
    ]);
    expect(route.steps.map((s) => [s.kind, s.leg, s.text.en])).toEqual([
      ['start', 0, 'Start at kiosk (1F)'],
      ['walk', 0, 'Walk about 20 m to hall'],
      ['turn', 0, 'At hall, turn right and walk about 20 m to lift1'],
      ['lift', 0, 'Take the lift to 2F'],
      // Out of the lift the first stretch has no previous heading: a plain walk, then the turn.
      ['walk', 1, 'Walk about 10 m to corr2'],
      ['turn', 1, 'At corr2, turn right and walk about 20 m to room'],
      ['arrive', 1, 'Arrive at room'],
    ]);
    expect(route.steps.map((s) => s.text.zh)).toEqual([
      '从kiosk处出发（1F）',
      '步行约 20 米到hall处',
      '在hall处右转，步行约 20 米到lift1处',
      '乘电梯到 2F',
      '步行约 10 米到corr2处',
      '在corr2处右转，步行约 20 米到room处',
      '到达room处',
    ]);
  });

  it('stairs when they are the only way, with up or down', () => {
    const g = kb();
    g.edges = g.edges.filter((e) => e.via !== 'lift');
    const up = planRoute(g, 'kiosk', 'room');
    expect(up?.steps.find((s) => s.kind === 'stairs')?.text).toEqual({
      zh: '走楼梯上到 2F',
      en: 'Take the stairs up to 2F',
    });
    expect(up?.legs[0]?.leaveBy).toBe('stairs');
    const down = planRoute(g, 'room', 'kiosk');
    expect(down?.steps.find((s) => s.kind === 'stairs')?.text.en).toBe('Take the stairs down to 1F');
  });

  it('one floor, straight on: one walk step; to itself: already there', () => {
    const r = planRoute(kb(), 'kiosk', 'desk');
    expect(r?.legs).toHaveLength(1);
    expect(r?.steps.map((s) => s.kind)).toEqual(['start', 'walk', 'arrive']);
    expect(r?.steps[1]?.distanceM).toBe(20);
    expect(planRoute(kb(), 'kiosk', 'kiosk')?.steps.map((s) => s.text.en)).toEqual([
      'Start at kiosk (1F)',
      'You are already at kiosk',
    ]);
  });

  it('null for unknown or unreachable places', () => {
    expect(planRoute(kb(), 'kiosk', 'nowhere')).toBeNull();
    const g = kb();
    g.places.push(place('island', '1F', 0, 0));
    expect(planRoute(g, 'kiosk', 'island')).toBeNull();
  });
});

describe('drawRoute', () => {
  it('draws the leg over the map with the start and the destination marked', () => {
    const route = planRoute(kb(), 'kiosk', 'room');
    const leg = route?.legs[0] ?? null;
    const out = drawRoute(
      '<svg viewBox="0 0 600 500"><rect width="1" height="1"/><script>x()</script></svg>',
      leg,
      {
        youAreHere: leg?.points[0] ?? null,
        destination: null,
        labels: { youAreHere: 'You are here', destination: 'Room <1>' },
      },
    );
    expect(out).not.toContain('script');
    expect(out).toMatch(
      /<polyline class="route-path" data-route="kiosk hall lift1" points="100,400 100,200 300,200"/,
    );
    expect(out).toContain('class="you-are-here"');
    expect(out).not.toContain('class="destination"');
    expect(out.endsWith('</g></svg>')).toBe(true);
    const last = drawRoute('<svg></svg>', route?.legs[1] ?? null, {
      destination: route?.legs[1]?.points.at(-1) ?? null,
      labels: { youAreHere: 'x', destination: 'Room <1>' },
    });
    expect(last).toContain('Room &lt;1&gt;');
    expect(last).toContain('class="destination"');
  });
});
