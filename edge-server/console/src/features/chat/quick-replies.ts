import type { KnowledgeBase, Lang } from '@frontdesk/protocol';

export interface QuickReplyChip {
  key: string;
  /** What the chip shows and inserts: the guest's language. */
  text: string;
}

/**
 * The chat's quick replies in the guest's language: the site's own from its knowledge base, or the
 * console's built-in ones when the site has none (no KB yet, or an empty list).
 */
export function quickReplies(
  kb: KnowledgeBase | null,
  builtIn: ReadonlyArray<Record<Lang, string>>,
  lang: Lang,
): QuickReplyChip[] {
  const site = kb?.quickReplies ?? [];
  if (site.length > 0) return site.map((q) => ({ key: `kb:${q.id}`, text: q.text[lang] }));
  return builtIn.map((q, i) => ({ key: `builtin:${i}`, text: q[lang] }));
}
