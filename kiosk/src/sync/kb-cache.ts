import type { KnowledgeBase } from '@frontdesk/protocol';
import type { KioskDatabase } from '../storage/db.js';

/** The last knowledge base received, so the kiosk answers questions with the server unreachable. */
export async function loadKb(db: KioskDatabase, site: string): Promise<KnowledgeBase | null> {
  const kb = (await db.get('kv', `kb:${site}`)) as KnowledgeBase | undefined;
  return kb ?? null;
}

export async function saveKb(db: KioskDatabase, kb: KnowledgeBase): Promise<void> {
  await db.put('kv', kb, `kb:${kb.site}`);
}
