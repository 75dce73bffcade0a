import type { Edge } from '@frontdesk/protocol';

/**
 * The walkable part of a knowledge base. Only the KB shape: the server routes staff by walking
 * distance with it, the kiosk and the phone route page draw the way with it.
 */
export interface WalkableGraph {
  places: readonly { id: string }[];
  edges: readonly Pick<Edge, 'from' | 'to' | 'via' | 'costM'>[];
}

export type Via = Edge['via'];

export interface PathStep {
  placeId: string;
  /** How this place is reached from the previous step; null for the starting place. */
  via: Via | null;
}

export interface Path {
  costM: number;
  steps: PathStep[];
}

interface Arc {
  to: string;
  via: Via;
  costM: number;
}

function adjacency(graph: WalkableGraph): Map<string, Arc[]> {
  const adj = new Map<string, Arc[]>();
  for (const p of graph.places) adj.set(p.id, []);
  for (const e of graph.edges) {
    const a = adj.get(e.from);
    const b = adj.get(e.to);
    // Edges to unknown places are a KB error (see the protocol's kb.ts); routing simply ignores them.
    if (!a || !b || !(e.costM > 0)) continue;
    a.push({ to: e.to, via: e.via, costM: e.costM });
    b.push({ to: e.from, via: e.via, costM: e.costM });
  }
  return adj;
}

/** A minimal binary min-heap on cost; ties pop by id so paths are deterministic. */
class MinHeap {
  private readonly items: { id: string; costM: number }[] = [];

  get size(): number {
    return this.items.length;
  }

  push(id: string, costM: number): void {
    const items = this.items;
    items.push({ id, costM });
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): { id: string; costM: number } | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    items[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < items.length && this.less(l, m)) m = l;
      if (r < items.length && this.less(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return top;
  }

  private less(a: number, b: number): boolean {
    const x = this.items[a];
    const y = this.items[b];
    if (!x || !y) return false;
    return x.costM < y.costM || (x.costM === y.costM && x.id < y.id);
  }

  private swap(a: number, b: number): void {
    const x = this.items[a];
    const y = this.items[b];
    if (!x || !y) return;
    this.items[a] = y;
    this.items[b] = x;
  }
}

interface Search {
  dist: Map<string, number>;
  prev: Map<string, { from: string; via: Via }>;
}

// Dijkstra with lazy deletion: stale heap entries are skipped when popped.
function dijkstra(graph: WalkableGraph, fromPlaceId: string, stopAt?: string): Search | null {
  const adj = adjacency(graph);
  if (!adj.has(fromPlaceId)) return null;
  const dist = new Map<string, number>([[fromPlaceId, 0]]);
  const prev = new Map<string, { from: string; via: Via }>();
  const done = new Set<string>();
  const heap = new MinHeap();
  heap.push(fromPlaceId, 0);
  while (heap.size > 0) {
    const cur = heap.pop();
    if (!cur || done.has(cur.id)) continue;
    done.add(cur.id);
    if (cur.id === stopAt) break;
    for (const arc of adj.get(cur.id) ?? []) {
      const d = cur.costM + arc.costM;
      const known = dist.get(arc.to);
      if (known === undefined || d < known) {
        dist.set(arc.to, d);
        prev.set(arc.to, { from: cur.id, via: arc.via });
        heap.push(arc.to, d);
      }
    }
  }
  return { dist, prev };
}

/** The cheapest walk between two places, or null when either is unknown or they are not connected. */
export function shortestPath(graph: WalkableGraph, fromPlaceId: string, toPlaceId: string): Path | null {
  const search = dijkstra(graph, fromPlaceId, toPlaceId);
  if (!search) return null;
  const costM = search.dist.get(toPlaceId);
  if (costM === undefined) return null;
  const steps: PathStep[] = [];
  let at = toPlaceId;
  for (;;) {
    const p = search.prev.get(at);
    if (!p) break;
    steps.push({ placeId: at, via: p.via });
    at = p.from;
  }
  steps.push({ placeId: fromPlaceId, via: null });
  steps.reverse();
  return { costM, steps };
}

/** Walking cost in metres from one place to every place reachable from it (itself at 0). */
export function distancesFrom(graph: WalkableGraph, placeId: string): Map<string, number> {
  return dijkstra(graph, placeId)?.dist ?? new Map();
}
