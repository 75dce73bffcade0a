/**
 * The boundaries the tree promises, enforced by ESLint: the wire contract imports no server code
 * and no Node APIs (it ships to browsers and WeChat); the domain does no I/O and never reads the clock.
 */
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('architecture boundaries', () => {
  it('stops the protocol from importing server code or Node built-ins', async () => {
    expect(
      await ruleIds(
        "import { startServer } from '../../src/server.js';\nexport const x = startServer;\n",
        'edge-server/protocol/src/bad.ts',
      ),
    ).toContain('no-restricted-imports');
    expect(
      await ruleIds(
        "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
        'edge-server/protocol/src/bad.ts',
      ),
    ).toContain('no-restricted-imports');
    expect(
      await ruleIds(
        "import { planRoute } from '@frontdesk/wayfinding';\nexport const x = planRoute;\n",
        'edge-server/protocol/src/bad.ts',
      ),
    ).toContain('no-restricted-imports');
    expect(
      await ruleIds(
        "import { z } from 'zod';\nexport const x = z.string();\n",
        'edge-server/protocol/src/fine.ts',
      ),
    ).toEqual([]);
  });

  it('keeps route finding free of Node and jsdom except in its Node entry, and jsdom out of the kiosk', async () => {
    const jsdom = "import { JSDOM } from 'jsdom';\nexport const w = new JSDOM('').window;\n";
    expect(await ruleIds(jsdom, 'wayfinding/src/bad.ts')).toContain('no-restricted-imports');
    expect(
      await ruleIds(
        "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
        'wayfinding/src/bad.ts',
      ),
    ).toContain('no-restricted-imports');
    expect(await ruleIds(jsdom, 'wayfinding/src/node.ts')).toEqual([]);
    expect(
      await ruleIds(
        "import { drawRoute } from '@frontdesk/wayfinding/node';\nexport const x = drawRoute;\n",
        'kiosk/src/features/wayfinding/bad.ts',
      ),
    ).toContain('no-restricted-imports');
  });

  it('stops the domain from reading the clock, randomness or doing I/O', async () => {
    expect(
      await ruleIds('export const now = () => Date.now();\n', 'edge-server/src/domain/bad.ts'),
    ).toContain('no-restricted-syntax');
    expect(
      await ruleIds('export const id = () => Math.random();\n', 'edge-server/src/domain/bad.ts'),
    ).toContain('no-restricted-syntax');
    expect(
      await ruleIds(
        "import { openSqliteStore } from '../store/sqlite-store.js';\nexport const s = openSqliteStore;\n",
        'edge-server/src/domain/bad.ts',
      ),
    ).toContain('no-restricted-imports');
    expect(
      await ruleIds(
        "import { drawRoute } from '@frontdesk/wayfinding/node';\nexport const d = drawRoute;\n",
        'edge-server/src/domain/bad.ts',
      ),
    ).toContain('no-restricted-imports');
    expect(
      await ruleIds('export const later = (now: number) => now + 1;\n', 'edge-server/src/domain/fine.ts'),
    ).toEqual([]);
    expect(
      await ruleIds(
        "import { distancesFrom } from '@frontdesk/wayfinding';\nexport const d = distancesFrom;\n",
        'edge-server/src/domain/fine.ts',
      ),
    ).toEqual([]);
  });

  it('keeps message handlers to the domain and the store interfaces', async () => {
    const handler = 'edge-server/src/service/handlers/device/bad.ts';
    for (const lib of ['better-sqlite3', 'aedes', 'fastify', 'mqtt', 'pino', 'node:fs'])
      expect(await ruleIds(`import x from '${lib}';\nexport const y = x;\n`, handler), lib).toContain(
        'no-restricted-imports',
      );
    expect(
      await ruleIds(
        "import { openSqliteStore } from '../../../store/sqlite-store.js';\nexport const s = openSqliteStore;\n",
        handler,
      ),
    ).toContain('no-restricted-imports');
    expect(
      await ruleIds(
        "import type { Stores } from '../../../store/store.js';\nimport { claimEscalation } from '../../../domain/index.js';\nexport type S = Stores;\nexport const c = claimEscalation;\n",
        handler,
      ),
    ).toEqual([]);
  });
});
