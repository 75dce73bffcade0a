/**
 * Publishing a site's knowledge base: validate → version → store (with the version kept, append-only)
 * → retained `kb.snapshot`. A revert publishes an earlier version's content as a new version.
 */
import { topics, type KnowledgeBase, type KnowledgeBaseInput } from '@frontdesk/protocol';
import { validateKnowledgeBase } from '../domain/index.js';
import type { Store } from '../store/store.js';
import { recordAudit } from './audit.js';
import type { Clock } from './clock.js';
import type { Outbox } from './outbound.js';

export type PublishResult =
  { ok: true; kb: KnowledgeBase } | { ok: false; reason: string; problems: string[] };

/** Who publishes and why; `revertedFrom` when the content is an earlier version's. */
export interface PublishBy {
  actor: string;
  reason: string;
  revertedFrom?: number;
}

export class KnowledgeBases {
  constructor(private readonly deps: { store: Store; clock: Clock; outbox: Outbox }) {}

  /** Validates, versions, stores and publishes (retained) a site's knowledge base. */
  async publish(input: KnowledgeBaseInput, by: PublishBy): Promise<PublishResult> {
    const problems = validateKnowledgeBase(input);
    if (problems.length > 0)
      return { ok: false, reason: `the knowledge base has ${problems.length} problem(s)`, problems };
    const kb = await this.deps.store.transaction(async (tx) => {
      const previous = await tx.knowledgeBases.get(input.site);
      const now = this.deps.clock.now();
      const next: KnowledgeBase = { ...input, version: (previous?.version ?? 0) + 1, updatedAt: now };
      await tx.knowledgeBases.put(next);
      await tx.kbVersions.append({
        site: next.site,
        version: next.version,
        kb: next,
        actor: by.actor,
        reason: by.reason,
        createdAt: now,
      });
      const reverted = by.revertedFrom === undefined ? {} : { revertedFrom: by.revertedFrom };
      await recordAudit(tx.audit, now, {
        actor: by.actor,
        action: by.revertedFrom === undefined ? 'kb.publish' : 'kb.revert',
        subject: `kb:${input.site}`,
        detail: { version: next.version, reason: by.reason, ...reverted },
        site: input.site,
      });
      return next;
    });
    await this.retain(kb);
    return { ok: true, kb };
  }

  /**
   * Publishes version `version` of `site` again, as a new version (checked again: the rules may have
   * changed since). Null when the site never had that version.
   */
  async revert(
    site: string,
    version: number,
    by: { actor: string; reason: string },
  ): Promise<PublishResult | null> {
    const old = await this.deps.store.kbVersions.get(site, version);
    if (!old) return null;
    const { version: _v, updatedAt: _u, ...input } = old.kb;
    return this.publish(input, { ...by, revertedFrom: version });
  }

  /** (Re)publishes a stored knowledge base, retained, so a kiosk that connects gets it at once. */
  async retain(kb: KnowledgeBase): Promise<void> {
    await this.deps.outbox.publishRetained(topics.siteKb(kb.site), 'kb.snapshot', kb);
  }
}
