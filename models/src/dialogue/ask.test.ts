/** `ask` end to end: spawn the real command, as other tools do, and check the contract. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
const ASK = fileURLToPath(new URL('../../scripts/ask.ts', import.meta.url));

function ask(
  args: string[],
  input?: Buffer | string,
): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(TSX, ['--conditions=@frontdesk/source', ASK, ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    timeout: 30_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

// Each test starts the CLI (tsx + onnxruntime-node): seconds on a busy two-core machine.
describe('ask --jsonl', { timeout: 60_000 }, () => {
  it('writes one object per input line, in order, with the contract fields, and per-line errors for bad lines', () => {
    const input = Buffer.concat([
      Buffer.from('wifi密码多少\n\nwhere is the lift\n'),
      Buffer.from([0x00, 0xff, 0xfe, 0x0a]),
      Buffer.from('a'.repeat(100_000) + '\n'),
      Buffer.from(
        'my father has chest pain and cant breathe\r\n孩子发烧咳嗽挂什么科\nthe AC in room 1203 shows E4',
      ),
    ]);
    const { stdout, status } = ask(['--jsonl'], input);
    expect(status).toBe(0);
    const lines = stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(8);
    const ok = [lines[0], lines[2], lines[5], lines[6], lines[7]];
    for (const o of ok) {
      expect(Object.keys(o ?? {})).toEqual([
        'text',
        'lang',
        'intent',
        'confidence',
        'sentiment',
        'department',
        'slots',
        'action',
        'answer',
      ]);
      expect(o?.['confidence']).toBeGreaterThanOrEqual(0);
      expect(o?.['confidence']).toBeLessThanOrEqual(1);
      expect(['answer', 'flow', 'clarify', 'escalate']).toContain(o?.['action']);
    }
    expect(lines[0]).toMatchObject({ text: 'wifi密码多少', lang: 'zh', intent: 'wifi', action: 'answer' });
    expect(lines[1]).toMatchObject({ text: '', error: { code: 'empty_input' } });
    expect(lines[2]).toMatchObject({ intent: 'wayfinding', slots: { place: 'lift' }, action: 'flow' });
    expect(lines[3]).toMatchObject({ error: { code: 'binary_input' } });
    expect(lines[4]).toMatchObject({ error: { code: 'input_too_long' } });
    expect(lines[4]).not.toHaveProperty('text');
    expect(lines[5]).toMatchObject({
      text: 'my father has chest pain and cant breathe',
      intent: 'emergency',
      department: 'emergency',
      action: 'escalate',
    });
    expect(lines[6]).toMatchObject({ intent: 'hospital.triage', department: 'pediatrics', action: 'flow' });
    expect(lines[7]).toMatchObject({ intent: 'fault_report', slots: { room: '1203', faultCode: 'E4' } });
  });

  it('writes nothing for empty input', () => {
    const { stdout, status } = ask(['--jsonl'], '');
    expect(status).toBe(0);
    expect(stdout).toBe('');
  });
});

describe('ask with words', { timeout: 60_000 }, () => {
  it('answers readably', () => {
    const { stdout, status } = ask(['where', 'is', 'the', 'lift']);
    expect(status).toBe(0);
    expect(stdout).toContain('lift');
    expect(stdout).toMatch(/intent\s+wayfinding/);
  });
  it('explains itself on empty input instead of crashing', () => {
    const { stderr, status } = ask([]);
    expect(status).toBe(2);
    expect(stderr).toContain('usage');
  });
});
