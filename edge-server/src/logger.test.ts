import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, logDestination } from './logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: createLogger('info', stream) };
}

describe('logger', () => {
  it('masks phone and ID numbers in fields and messages, and removes credentials', () => {
    const { lines, logger } = capture();
    logger.info(
      { summary: '电话13812345678 身份证110101199003071234', password: 'hunter2', nested: { token: 't' } },
      'call 13987654321 back',
    );
    const out = lines.join('');
    expect(out).not.toContain('13812345678');
    expect(out).not.toContain('110101199003071234');
    expect(out).not.toContain('13987654321');
    expect(out).not.toContain('hunter2');
    expect(out).toContain('[redacted]');
    expect(out).toContain('身份证');
  });

  it('masks numbers in a logged error too (serializers run after the masking formatter)', () => {
    const { lines, logger } = capture();
    logger.warn({ err: new Error('no booking for 13812345678 / 110101199003071234') }, 'lookup failed');
    const out = lines.join('');
    expect(out).not.toContain('13812345678');
    expect(out).not.toContain('110101199003071234');
    expect(out).toContain('no booking for');
  });

  it('leaves room numbers and timestamps alone', () => {
    const { lines, logger } = capture();
    logger.info({ room: '1203', at: 1795324683000 }, 'room 1203');
    expect(lines.join('')).toContain('1203');
    expect(lines.join('')).toContain('1795324683000');
  });

  it('writes readable lines for a terminal and JSON otherwise, masked either way', () => {
    expect(logDestination('json', true)).toBeUndefined();
    expect(logDestination('auto', false)).toBeUndefined();
    const out: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        out.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger('info', logDestination('pretty', false, sink));
    logger.info({ phone: '13812345678', password: 'hunter2' }, 'guest called from 13812345678');
    const text = out.join('');
    expect(text).toMatch(/^\[\d{2}:\d{2}:\d{2}\.\d{3}\] INFO: guest called from 138\*{4}5678/);
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('hunter2');
    expect(() => JSON.parse(text)).toThrow();
  });
});
