import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The kiosk's structure, checked on the source (issue 11): features are slices that know nothing of
 * the composed state, and no module imports itself back through others.
 */
const SRC = fileURLToPath(new URL('../src/', import.meta.url)).replace(/\/$/, '');

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return modules(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/** The kiosk modules a module imports (type-only imports too: they are dependencies of the design). */
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((m) => m[1]!);
  return specifiers.flatMap((spec) => {
    const base = resolve(dirname(file), spec).replace(/\.js$/, '');
    const found = ['.ts', '.tsx'].map((ext) => base + ext).find((p) => existsSync(p));
    return found && found.startsWith(SRC) ? [found] : [];
  });
}

const rel = (p: string) => relative(SRC, p);
const graph = new Map(modules(SRC).map((m) => [m, imports(m)]));

/** One import cycle, as a list of modules, or null. */
function findCycle(): string[] | null {
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (m: string): string[] | null => {
    const at = path.indexOf(m);
    if (at >= 0) return [...path.slice(at), m];
    if (done.has(m)) return null;
    path.push(m);
    for (const next of graph.get(m) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    done.add(m);
    return null;
  };
  for (const m of graph.keys()) {
    const cycle = visit(m);
    if (cycle) return cycle;
  }
  return null;
}

describe('kiosk structure', () => {
  it('no feature imports the composed state (app/state.ts)', () => {
    const state = join(SRC, 'app', 'state.ts');
    const offenders = [...graph]
      .filter(([m, deps]) => rel(m).startsWith('features') && deps.includes(state))
      .map(([m]) => rel(m));
    expect(offenders).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(findCycle()?.map(rel) ?? null).toBeNull();
  });

  it('journeys share their pieces through features/journey, not through each other', () => {
    const appointment = [...graph].filter(([m]) => rel(m).startsWith(join('features', 'appointment')));
    const intoCheckin = appointment.flatMap(([, deps]) =>
      deps.filter((d) => rel(d).startsWith(join('features', 'checkin'))),
    );
    expect(intoCheckin.map(rel)).toEqual([]);
  });
});
