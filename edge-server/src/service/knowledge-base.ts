/** Publishing a site's knowledge base: validated, versioned, stored, then retained on its topic. */
import { topics, type KnowledgeBase, type KnowledgeBaseInput } from '@frontdesk/protocol';
import { validateKnowledgeBase } from '../domain/index.js';
import type { Store } from '../store/store.js';
import { recordAudit } from './audit.js';
import type { Clock } from './clock.js';
import type { Outbox } from './outbound.js';

export class KnowledgeBases {
  constructor(private readonly deps: { store: Store; clock: Clock; outbox: Outbox }) {}

  /** Validates, versions, stores and publishes (retained) a site's knowledge base. */
  async publish(
    input: KnowledgeBaseInput,
    actor: string,
  ): Promise<{ ok: true; kb: KnowledgeBase } | { ok: false; reason: string; problems: string[] }> {
    const problems = validateKnowledgeBase(input);
    if (problems.length > 0)
      return { ok: false, reason: `the knowledge base has ${problems.length} problem(s)`, problems };
    const kb = await this.deps.store.transaction(async (tx) => {
      const previous = await tx.knowledgeBases.get(input.site);
      const now = this.deps.clock.now();
      const next: KnowledgeBase = { ...input, version: (previous?.version ?? 0) + 1, updatedAt: now };
      await tx.knowledgeBases.put(next);
      await recordAudit(tx.audit, now, {
        actor,
        action: 'kb.publish',
        subject: `kb:${input.site}`,
        detail: { version: next.version },
        site: input.site,
      });
      return next;
    });
    await this.retain(kb);
    return { ok: true, kb };
  }

  /** (Re)publishes a stored knowledge base, retained, so a kiosk that connects gets it at once. */
  async retain(kb: KnowledgeBase): Promise<void> {
    await this.deps.outbox.publishRetained(topics.siteKb(kb.site), 'kb.snapshot', kb);
  }
}
