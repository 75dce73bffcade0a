/**
 * The contract's part for administrators' records: knowledge-base versions (append-only, masked,
 * transactional) and the audit trail's filters. Run by `storeContract` for every backend.
 */
import { expect, it } from 'vitest';
import { kbFixture } from './fixtures.js';
import type { AuditFilter, Store } from './store.js';

export function adminContract(store: () => Store) {
  it('keeps every knowledge-base version, newest first, and never rewrites one', async () => {
    const v = (site: string, version: number, reason: string) => ({
      site,
      version,
      kb: kbFixture({ site, version, updatedAt: version * 10 }),
      actor: 'staff:sun-li',
      reason,
      createdAt: version * 10,
    });
    await store().kbVersions.append(v('grand-hotel', 1, 'first'));
    await store().kbVersions.append(v('grand-hotel', 2, 'wifi password'));
    await store().kbVersions.append(v('city-hospital', 1, 'hospital'));
    await expect(store().kbVersions.append(v('grand-hotel', 2, 'forged'))).rejects.toThrow();
    expect(await store().kbVersions.list('grand-hotel')).toEqual([
      { site: 'grand-hotel', version: 2, actor: 'staff:sun-li', reason: 'wifi password', createdAt: 20 },
      { site: 'grand-hotel', version: 1, actor: 'staff:sun-li', reason: 'first', createdAt: 10 },
    ]);
    expect((await store().kbVersions.list('grand-hotel', 1)).map((x) => x.version)).toEqual([2]);
    expect(await store().kbVersions.get('grand-hotel', 1)).toEqual(v('grand-hotel', 1, 'first'));
    expect(await store().kbVersions.get('grand-hotel', 3)).toBeNull();
    expect(await store().kbVersions.list('nowhere')).toEqual([]);
    const got = await store().kbVersions.get('grand-hotel', 2);
    expect(got?.kb.faq).toHaveLength(1);
    got?.kb.faq.splice(0);
    expect((await store().kbVersions.get('grand-hotel', 2))?.kb.faq).toHaveLength(1);
  });

  it('masks personal numbers in a version reason', async () => {
    await store().kbVersions.append({
      site: 'grand-hotel',
      version: 1,
      kb: kbFixture(),
      actor: 'staff:sun-li',
      reason: 'guest 13812345678 asked',
      createdAt: 1,
    });
    const [version] = await store().kbVersions.list('grand-hotel');
    expect(version?.reason).toMatch(/^guest .* asked$/);
    expect(version?.reason).not.toContain('13812345678');
  });

  it('rolls a version back with its transaction', async () => {
    await expect(
      store().transaction(async (tx) => {
        await tx.kbVersions.append({
          site: 'grand-hotel',
          version: 1,
          kb: kbFixture(),
          actor: 'a',
          reason: 'r',
          createdAt: 1,
        });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store().kbVersions.list('grand-hotel')).toEqual([]);
  });

  it('filters audit entries by actor, action, subject text and time, within a site', async () => {
    const add = (at: number, actor: string, action: string, subject: string, site = 'hotel') =>
      store().audit.append({ at, actor, action, subject, detail: {}, site });
    const a = await add(100, 'staff:sun-li', 'kb.publish', 'kb:hotel');
    const b = await add(200, 'staff:li-na', 'escalation.claim', 'escalation:esc-1');
    const c = await add(300, 'staff:sun-li', 'kb.revert', 'kb:hotel');
    const d = await add(400, 'staff:sun-li', 'kb.publish', 'kb:hotel');
    await add(250, 'staff:sun-li', 'kb.publish', 'kb:hospital', 'hospital');
    const seqs = async (f: AuditFilter) =>
      (await store().audit.list({ site: 'hotel', ...f })).map((e) => e.seq);
    expect(await seqs({ actor: 'staff:sun-li' })).toEqual([a, c, d]);
    expect(await seqs({ actor: 'staff:sun' })).toEqual([]);
    expect(await seqs({ action: 'kb.publish' })).toEqual([a, d]);
    expect(await seqs({ subjectContains: 'esc-' })).toEqual([b]);
    expect(await seqs({ subjectContains: '%' })).toEqual([]);
    expect(await seqs({ fromAt: 200, toAt: 400 })).toEqual([b, c]);
    expect(await seqs({ actor: 'staff:sun-li', fromAt: 150, afterSeq: c, limit: 5 })).toEqual([d]);
    expect(await seqs({ action: 'kb.publish', limit: 1 })).toEqual([a]);
  });
}
