/**
 * Issue 11: no function over 80 lines in the kiosk, models, wayfinding and console sources (blank lines
 * and comments not counted). The rule lives in the root ESLint config; this test proves it fires where
 * it should and stays quiet on what is exempt (tests, the i18n dictionaries, the shared contract suites, the demo data).
 */
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** A function of `lines` statements plus its signature, return and closing brace: `lines + 3` counted lines. */
function functionOf(lines: number): string {
  const body = Array.from({ length: lines }, (_, i) => `  const a${i} = ${i};`).join('\n');
  const sum = Array.from({ length: lines }, (_, i) => `a${i}`).join(' + ');
  return `export function f(): number {\n${body}\n\n  // a comment\n  return ${sum};\n}\n`;
}

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('function length (issue 11)', () => {
  it('rejects a function over 80 lines in every covered source tree', async () => {
    for (const path of [
      'kiosk/src/features/bad.tsx',
      'models/src/bad.ts',
      'wayfinding/src/bad.ts',
      'edge-server/console/src/bad.ts',
      'edge-server/src/service/bad.ts',
      'edge-server/protocol/src/bad.ts',
    ]) {
      expect(await ruleIds(functionOf(78), path), path).toContain('max-lines-per-function');
    }
  });

  it('accepts 80 lines, not counting blank lines and comments', async () => {
    expect(await ruleIds(functionOf(77), 'models/src/fine.ts')).toEqual([]);
  });

  it('leaves tests, the dictionaries, the contract suites and the demo data alone', async () => {
    for (const path of [
      'kiosk/src/app/x.test.ts',
      'kiosk/src/i18n/dict.ts',
      'edge-server/src/store/contract.ts',
      'edge-server/src/systems/demo-systems.ts',
    ]) {
      expect(await ruleIds(functionOf(200), path), path).not.toContain('max-lines-per-function');
    }
  });
});
