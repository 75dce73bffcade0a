/**
 * docs/protocol.md promises that its Mosquitto example works. This runs it, as written, against a
 * real server (only the port is changed) with Debian's mosquitto_pub and mosquitto_sub.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, tempDir, type TestServer } from './harness.js';

const run = promisify(execFile);
const doc = readFileSync(fileURLToPath(new URL('../../docs/protocol.md', import.meta.url)), 'utf8');

function example(): string {
  const block = /<!-- example:begin -->\s*```sh\n([\s\S]*?)```\s*<!-- example:end -->/.exec(doc);
  if (!block?.[1]) throw new Error('docs/protocol.md has no example block');
  return block[1];
}

describe('docs/protocol.md', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('embedded');
  });
  afterAll(async () => t?.close());

  it('its mosquitto_pub / mosquitto_sub example raises an escalation that the clerk receives, routed to the front desk', async () => {
    const port = new URL(t.mqttUrl).port;
    const script = example().replaceAll('-p 1883', `-p ${port}`);
    expect(script).toContain('mosquitto_pub');
    const cwd = tempDir('doc');
    await run('bash', ['-euo', 'pipefail', '-c', script], { cwd, timeout: 30_000 });
    const offer = JSON.parse(readFileSync(join(cwd, 'offer.json'), 'utf8')) as {
      type: string;
      body: { escalation: Record<string, unknown> };
    };
    expect(offer.type).toBe('escalation.offered');
    expect(offer.body.escalation).toMatchObject({
      id: 'esc-doc-1',
      skill: 'front_desk',
      summary: '客人要求人工服务',
    });
    const kiosk = readFileSync(join(cwd, 'kiosk.txt'), 'utf8');
    expect(kiosk).toContain('"type":"escalation.updated"');
    expect(kiosk).toContain('"type":"ack"');
    expect(kiosk).toContain('"ref":"doc-1"');
  });

  it('lists every message type the protocol package defines', async () => {
    const { deviceUpBodies, staffUpBodies, downBodies } = await import('@frontdesk/protocol');
    for (const type of [
      ...Object.keys(deviceUpBodies),
      ...Object.keys(staffUpBodies),
      ...Object.keys(downBodies),
    ]) {
      expect(doc, `docs/protocol.md should document ${type}`).toContain(`\`${type}\``);
    }
    for (const code of (await import('@frontdesk/protocol')).ERROR_CODES)
      expect(doc).toContain(`\`${code}\``);
  });
});
