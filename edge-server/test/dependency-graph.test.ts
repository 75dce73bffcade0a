/**
 * The import-graph check (`npm run lint:deps`, dependency-cruiser with .dependency-cruiser.cjs) fires:
 * files written into the workspaces for the test — two that import each other, a cycle through
 * `import type` only, a console file reaching into the server by a relative path (which the ESLint
 * pattern `** /edge-server/src/**` does not see) and a protocol file importing an npm package other
 * than zod — are cruised by the same command.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// A root devDependency; its package exports do not include the bin.
const DEPCRUISE = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const TAG = `depgraph-fixture-${process.pid}-${Date.now()}`;

function write(dir: string, files: Record<string, string>): string {
  mkdirSync(join(ROOT, dir), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(ROOT, dir, name), text);
  return dir;
}

/** Runs the check as `npm run lint:deps` does, on the given folders: its exit code and its report. */
function cruise(dirs: string[]): Promise<{ code: number; report: string }> {
  const args = [DEPCRUISE, ...dirs, '--config', '.dependency-cruiser.cjs', '--output-type', 'err'];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: ROOT, timeout: 60_000 }, (err, stdout) => {
      if (err && typeof err.code !== 'number') return reject(err);
      // One violation a line: "error no-cycle: a.ts → b.ts → a.ts".
      const report = stdout.replace(/\s*→\s*/g, ' → ');
      resolve({ code: typeof err?.code === 'number' ? err.code : 0, report });
    });
  });
}

describe('the import-graph check', () => {
  const cycle = write(`edge-server/test/${TAG}`, {
    'a.ts': "import { b } from './b.js';\nexport const a = () => b();\n",
    'b.ts': "import { a } from './a.js';\nexport const b = () => a();\n",
  });
  const typeCycle = write(`edge-server/test/${TAG}-types`, {
    'c.ts': "import type { D } from './d.js';\nexport interface C {\n  d?: D;\n}\n",
    'd.ts': "import type { C } from './c.js';\nexport interface D {\n  c?: C;\n}\n",
  });
  const reach = write(`edge-server/console/src/${TAG}`, {
    'bad.ts':
      "import { TICKET_TRANSITIONS } from '../../../src/domain/tickets.js';\nexport const t = TICKET_TRANSITIONS;\n",
  });
  const wire = write(`edge-server/protocol/src/${TAG}`, {
    'bad.ts': "import { z } from 'zod';\nimport pino from 'pino';\nexport const x = [z, pino];\n",
  });
  afterAll(() => {
    for (const dir of [cycle, typeCycle, reach, wire])
      rmSync(join(ROOT, dir), { recursive: true, force: true });
  });

  it('fails on an import cycle and names it; reports a type-only cycle and wrong-way imports', async () => {
    const { code, report } = await cruise([cycle, typeCycle, reach, wire]);
    expect(code, report).not.toBe(0);
    const lines = report.split('\n').map((l) => l.trim());
    const a = `${cycle}/a.ts`;
    const b = `${cycle}/b.ts`;
    expect(lines).toContainEqual(
      expect.stringMatching(`^error no-cycle: (${a} → ${b} → ${a}|${b} → ${a} → ${b})$`),
    );
    const c = `${typeCycle}/c.ts`;
    const d = `${typeCycle}/d.ts`;
    expect(lines).toContainEqual(
      expect.stringMatching(`^warn type-only-cycle: (${c} → ${d} → ${c}|${d} → ${c} → ${d})$`),
    );
    expect(lines.filter((l) => l.startsWith('error no-cycle:')).every((l) => l.includes(cycle))).toBe(true);
    expect(lines).toContain(`error apps-not-server: ${reach}/bad.ts → edge-server/src/domain/tickets.ts`);
    const fromWire = lines.filter((l) => l.includes(`${wire}/bad.ts →`));
    expect(fromWire).toEqual([
      expect.stringMatching(/^error protocol-imports-only-zod: .* → node_modules\/pino\//),
    ]);
  });
});
