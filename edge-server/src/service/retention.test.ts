import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Metrics } from '../metrics.js';
import { FileBlobStore } from '../store/file-blob-store.js';
import { createMemoryStore } from '../store/memory-store.js';
import { PhotoService } from './photos.js';
import { applyRetention } from './retention.js';

const DAY = 24 * 60 * 60 * 1000;
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('applyRetention', () => {
  it('deletes photos (files and records) and transcripts past their retention, and keeps the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'frontdesk-retention-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'photos'));
    const store = createMemoryStore();
    const now = 100 * DAY;
    for (const [id, age] of [
      ['aa', 40],
      ['bb', 10],
    ] as const) {
      writeFileSync(join(dir, 'photos', id), 'x');
      await store.photos.put({
        id,
        site: 's',
        deviceId: 'k',
        sha256: id,
        mime: 'image/png',
        bytes: 1,
        createdAt: now - age * DAY,
      });
    }
    const conv = {
      site: 's',
      deviceId: 'd',
      lang: 'zh' as const,
      turns: [],
      unansweredStreak: 0,
      startedAt: 0,
    };
    await store.conversations.put({ ...conv, id: 'old', updatedAt: now - 31 * DAY });
    await store.conversations.put({ ...conv, id: 'recent', updatedAt: now - 1 * DAY });
    await store.inbox.put({ source: 'k', messageId: 'm-old', entityId: null, at: now - 20 * DAY });
    await store.inbox.put({ source: 'k', messageId: 'm-new', entityId: null, at: now - 1 * DAY });
    const row = (action: string, age: number) =>
      store.audit.append({
        at: now - age * DAY,
        actor: 'system',
        action,
        subject: 'principal:x',
        detail: {},
      });
    await row('auth.locked', 40);
    await row('staff.login_failed', 31);
    await row('auth.locked', 2);
    await row('kb.publish', 400);
    // A signed-out token that has expired since needs no row; one still valid keeps its own.
    const revoked = { staffId: 's', revokedAt: now - 2 * DAY };
    await store.revokedTokens.revoke({ ...revoked, tokenHash: 'expired', expiresAt: now - 1 });
    await store.revokedTokens.revoke({ ...revoked, tokenHash: 'live', expiresAt: now + DAY });

    const photos = new PhotoService({
      store,
      blobs: new FileBlobStore(join(dir, 'photos')),
      clock: { now: () => now },
      metrics: new Metrics(),
    });
    const result = await applyRetention(
      store,
      photos,
      { photoDays: 30, conversationDays: 30, inboxDays: 14, authFailureDays: 30 },
      now,
    );

    expect(result).toEqual({ photos: 1, conversations: 1, inbox: 1, authFailures: 2, revokedTokens: 1 });
    expect(await store.revokedTokens.revokedAt('expired')).toBeNull();
    expect(await store.revokedTokens.revokedAt('live')).toBe(now - 2 * DAY);
    expect(existsSync(join(dir, 'photos', 'aa'))).toBe(false);
    expect(existsSync(join(dir, 'photos', 'bb'))).toBe(true);
    expect(await store.photos.get('aa')).toBeNull();
    expect(await store.photos.get('bb')).not.toBeNull();
    expect(await store.conversations.get('old')).toBeNull();
    expect(await store.conversations.get('recent')).not.toBeNull();
    expect(await store.inbox.get('k', 'm-new')).not.toBeNull();
    expect((await store.audit.list()).map((a) => a.action)).toEqual([
      'auth.locked',
      'kb.publish',
      'retention.purge',
    ]);
  });
});
