/**
 * Issue 18: `npm ci` on the Node the project declares (`engines.node` in the root package.json) must not
 * warn `EBADENGINE`. Every package the lockfile installs on Linux must accept the lowest Node the project
 * declares; a dependency that needs a newer one is pinned back (root `overrides`) or the declared Node
 * is raised. Packages for other platforms (optional native bindings npm skips here) are not installed.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const readJson = (path: string): unknown => JSON.parse(readFileSync(`${root}${path}`, 'utf8'));

interface LockEntry {
  version?: string;
  engines?: Record<string, string> | string[];
  os?: string[];
  cpu?: string[];
  optional?: boolean;
}

/** Packages npm would install on this kind of machine: not an optional binding for another OS or CPU. */
function installedHere(entry: LockEntry): boolean {
  const fits = (list: string[] | undefined, value: string) =>
    !list ||
    list.some((v) => v === value) ||
    (list.every((v) => v.startsWith('!')) && !list.includes(`!${value}`));
  return fits(entry.os, 'linux') && fits(entry.cpu, process.arch);
}

describe('the declared Node and the lockfile (issue 18)', () => {
  const declared = (readJson('package.json') as { engines: { node: string } }).engines.node;
  const lowest = semver.minVersion(declared)?.version ?? '';
  const lock = readJson('package-lock.json') as { packages: Record<string, LockEntry> };

  it('declares a Node range whose lowest version is the one this machine runs', () => {
    expect(lowest).toMatch(/^20\./);
    expect(semver.satisfies(process.version, declared)).toBe(true);
  });

  it('installs no package that refuses the lowest declared Node', () => {
    const refusing = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && installedHere(entry))
      .flatMap(([path, entry]) => {
        const range = !Array.isArray(entry.engines) ? entry.engines?.node : undefined;
        if (!range || !semver.validRange(range)) return [];
        return semver.satisfies(lowest, range) ? [] : [`${path}@${entry.version}: node ${range}`];
      });
    expect(refusing).toEqual([]);
  });
});
