import { useConsoleState } from '../../app/context.js';
import { adminDict, type AdminDict } from './admin-dict.js';

/** The admin section's words in the console's language. */
export function useAdminText(): AdminDict {
  return adminDict[useConsoleState().lang];
}

/** When a call fails: the server's message in the console's language. */
export function failure(t: AdminDict, lang: 'zh' | 'en', err: unknown): string {
  const e = err as { message?: string; messageZh?: string };
  return t.failed((lang === 'zh' ? e.messageZh : e.message) ?? String(err));
}
