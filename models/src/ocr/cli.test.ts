import { execFile } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, 'cli.ts');
const fixtures = join(here, '../../ocr/fixtures');

/** Runs the CLI as `npm run ocr` does (tsx), returning its JSON and exit code. */
async function ocr(...args: string[]): Promise<{ json: Record<string, unknown>; code: number }> {
  try {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', '--conditions=@frontdesk/source', cli, ...args],
      { cwd: here },
    );
    return { json: JSON.parse(stdout) as Record<string, unknown>, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; code: number };
    return { json: JSON.parse(e.stdout) as Record<string, unknown>, code: e.code };
  }
}

describe('ocr CLI', () => {
  it('prints lines, codes, fields and time as JSON', async () => {
    const { json, code } = await ocr(join(fixtures, 'mixed-e4-f21.png'), '--known-codes', 'F21,E-107');
    expect(code).toBe(0);
    expect(json).toMatchObject({ faultCodes: ['F21'], idFields: {} });
    expect(json['lines']).toEqual([
      { text: 'E4故障ErrorF21', score: expect.any(Number), box: expect.any(Array) },
    ]);
    expect(json['ms']).toEqual(expect.any(Number));
  }, 15_000);

  it('gives a JSON error for a missing file', async () => {
    const { json, code } = await ocr(join(fixtures, 'no-such-image.png'));
    expect(code).toBe(1);
    expect(json).toEqual({
      error: { code: 'FILE_NOT_FOUND', message: expect.stringContaining('no-such-image.png') },
    });
  }, 15_000);

  it('gives a JSON error for a file that is not an image, or a truncated one', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'ocr-cli-'));
    writeFileSync(join(tmp, 'notes.png'), 'not an image');
    writeFileSync(join(tmp, 'cut.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
    for (const f of ['notes.png', 'cut.png']) {
      const { json, code } = await ocr(join(tmp, f));
      expect(code).toBe(1);
      expect(json).toEqual({ error: { code: 'IMAGE_UNREADABLE', message: expect.any(String) } });
    }
  }, 15_000);

  it('gives a usage error without an image', async () => {
    const { json, code } = await ocr();
    expect(code).toBe(2);
    expect((json['error'] as { code: string }).code).toBe('BAD_USAGE');
  }, 15_000);
});
