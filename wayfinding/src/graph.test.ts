import { describe, expect, it } from 'vitest';
import { distancesFrom, shortestPath, type WalkableGraph } from './graph.js';

/** Two floors: lobby (entrance, kiosk, desk) and floor 2 (corridor, room), joined by a lift and stairs. */
function smallKb(): WalkableGraph {
  return {
    places: [
      'entrance',
      'kiosk1',
      'desk',
      'lift1',
      'lift2',
      'stairs1',
      'stairs2',
      'corridor2',
      'room201',
    ].map((id) => ({ id })),
    edges: [
      { from: 'entrance', to: 'kiosk1', via: 'walk', costM: 5 },
      { from: 'kiosk1', to: 'desk', via: 'walk', costM: 10 },
      { from: 'kiosk1', to: 'lift1', via: 'walk', costM: 20 },
      { from: 'kiosk1', to: 'stairs1', via: 'walk', costM: 15 },
      { from: 'lift1', to: 'lift2', via: 'lift', costM: 10 },
      { from: 'stairs1', to: 'stairs2', via: 'stairs', costM: 30 },
      { from: 'lift2', to: 'corridor2', via: 'walk', costM: 5 },
      { from: 'stairs2', to: 'corridor2', via: 'walk', costM: 5 },
      { from: 'corridor2', to: 'room201', via: 'walk', costM: 8 },
    ],
  };
}

describe('shortestPath', () => {
  const kb = smallKb();

  it('takes the cheaper lift over the stairs, with how each step is reached', () => {
    expect(shortestPath(kb, 'kiosk1', 'room201')).toEqual({
      costM: 43,
      steps: [
        { placeId: 'kiosk1', via: null },
        { placeId: 'lift1', via: 'walk' },
        { placeId: 'lift2', via: 'lift' },
        { placeId: 'corridor2', via: 'walk' },
        { placeId: 'room201', via: 'walk' },
      ],
    });
  });

  it('is undirected', () => {
    const back = shortestPath(kb, 'room201', 'kiosk1');
    expect(back?.costM).toBe(43);
    expect(back?.steps.map((s) => s.placeId)).toEqual(['room201', 'corridor2', 'lift2', 'lift1', 'kiosk1']);
    expect(back?.steps.map((s) => s.via)).toEqual([null, 'walk', 'walk', 'lift', 'walk']);
  });

  it('a place to itself costs nothing', () => {
    expect(shortestPath(kb, 'desk', 'desk')).toEqual({ costM: 0, steps: [{ placeId: 'desk', via: null }] });
  });

  it('null for unknown places and for places not connected', () => {
    expect(shortestPath(kb, 'nowhere', 'desk')).toBeNull();
    expect(shortestPath(kb, 'desk', 'nowhere')).toBeNull();
    const island: WalkableGraph = { places: [...kb.places, { id: 'island' }], edges: kb.edges };
    expect(shortestPath(island, 'desk', 'island')).toBeNull();
  });

  it('ignores edges to unknown places', () => {
    const g: WalkableGraph = {
      places: [{ id: 'a' }, { id: 'b' }],
      edges: [
        { from: 'a', to: 'ghost', via: 'walk', costM: 1 },
        { from: 'ghost', to: 'b', via: 'walk', costM: 1 },
        { from: 'a', to: 'b', via: 'walk', costM: 7 },
      ],
    };
    expect(shortestPath(g, 'a', 'b')?.costM).toBe(7);
  });

  it('prefers several short hops to one long edge', () => {
    const g: WalkableGraph = {
      places: ['a', 'b', 'c', 'd'].map((id) => ({ id })),
      edges: [
        { from: 'a', to: 'd', via: 'walk', costM: 10 },
        { from: 'a', to: 'b', via: 'walk', costM: 2 },
        { from: 'b', to: 'c', via: 'walk', costM: 2 },
        { from: 'c', to: 'd', via: 'walk', costM: 2 },
      ],
    };
    expect(shortestPath(g, 'a', 'd')?.steps.map((s) => s.placeId)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('matches a brute-force answer on a grid (the heap orders correctly)', () => {
    const n = 12;
    const places = [];
    const edges = [];
    for (let y = 0; y < n; y++) {
      for (let x = 0; x < n; x++) {
        places.push({ id: `p${x}_${y}` });
        // Deterministic, uneven costs so many heap entries go stale.
        if (x + 1 < n)
          edges.push({
            from: `p${x}_${y}`,
            to: `p${x + 1}_${y}`,
            via: 'walk' as const,
            costM: 1 + ((x * 7 + y * 3) % 5),
          });
        if (y + 1 < n)
          edges.push({
            from: `p${x}_${y}`,
            to: `p${x}_${y + 1}`,
            via: 'walk' as const,
            costM: 1 + ((x * 2 + y * 5) % 7),
          });
      }
    }
    const g: WalkableGraph = { places, edges };
    // Bellman-Ford as the reference.
    const ref = new Map<string, number>(places.map((p) => [p.id, Infinity]));
    ref.set('p0_0', 0);
    for (let i = 0; i < places.length; i++) {
      for (const e of edges) {
        const a = ref.get(e.from) ?? Infinity;
        const b = ref.get(e.to) ?? Infinity;
        if (a + e.costM < b) ref.set(e.to, a + e.costM);
        if (b + e.costM < a) ref.set(e.from, b + e.costM);
      }
    }
    const got = distancesFrom(g, 'p0_0');
    expect(got.size).toBe(places.length);
    for (const [id, d] of ref) expect(got.get(id)).toBe(d);
    const path = shortestPath(g, 'p0_0', `p${n - 1}_${n - 1}`);
    expect(path?.costM).toBe(ref.get(`p${n - 1}_${n - 1}`));
  });
});

describe('distancesFrom', () => {
  it('gives every reachable place, itself at 0, and nothing for an unknown start', () => {
    const d = distancesFrom(smallKb(), 'desk');
    expect(d.get('desk')).toBe(0);
    expect(d.get('kiosk1')).toBe(10);
    expect(d.get('room201')).toBe(53);
    expect(d.size).toBe(9);
    expect(distancesFrom(smallKb(), 'nowhere').size).toBe(0);
  });
});
