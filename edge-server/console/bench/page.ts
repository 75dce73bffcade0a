/**
 * What the console bench runs inside the console page, from outside (no hook in the console): a
 * MutationObserver for the inbox entry, a poller of the service worker's notifications, and a
 * capture listener for the claim click. Strings, not functions, because tsx would wrap a function's
 * inner names in a helper the page does not have. Times are `performance.timeOrigin + now()` in ms.
 */
import type { Page } from 'playwright-core';

/** What the page records for one escalation (times in the page's clock, ms). */
export interface PageMarks {
  id: string;
  /** The MutationObserver callback that first saw `a.entry[data-id=id]` in the inbox. */
  dom: number | null;
  /** The end of the `getNotifications({tag: id})` call that first returned it. */
  notification: number | null;
  /** The claim button's click event (capture phase, before the console's handler). */
  click: number | null;
  polls: number;
  /** Time spent inside `getNotifications` over all polls, for the resolution. */
  pollCallMs: number;
}

/**
 * Arms the watchers for escalation `id` (before the kiosk publishes it): resolves once they are set.
 * The poller stops when the notification is found or after `timeoutMs`.
 */
const WATCH = `async (id, pollMs, timeoutMs) => {
  const registration = await navigator.serviceWorker.ready;
  const now = () => performance.timeOrigin + performance.now();
  const marks = { id, dom: null, notification: null, click: null, polls: 0, pollCallMs: 0 };
  window.__consoleBench = marks;
  const selector = 'a.entry[data-kind="escalation"][data-id="' + id + '"]';
  const observer = new MutationObserver(() => {
    if (marks.dom === null && document.querySelector(selector)) {
      marks.dom = now();
      observer.disconnect();
    }
  });
  observer.observe(document.body, { childList: true, subtree: true, attributes: true });
  const deadline = now() + timeoutMs;
  void (async () => {
    while (marks.notification === null && now() < deadline) {
      const start = now();
      const found = await registration.getNotifications({ tag: id });
      const end = now();
      marks.polls += 1;
      marks.pollCallMs += end - start;
      if (found.length > 0) marks.notification = end;
      else await new Promise((r) => setTimeout(r, pollMs));
    }
  })();
  return true;
}`;

/** Records the next click (capture phase) as the claim click. */
const ARM_CLICK = `() => {
  const marks = window.__consoleBench;
  document.addEventListener('click', () => {
    marks.click = performance.timeOrigin + performance.now();
  }, { capture: true, once: true });
  return true;
}`;

/** Closes the escalation's notification, so the tray (and each poll) stays small. */
const CLOSE_NOTIFICATION = `async (id) => {
  const registration = await navigator.serviceWorker.ready;
  for (const n of await registration.getNotifications({ tag: id })) n.close();
  return true;
}`;

export async function watch(page: Page, id: string, pollMs: number, timeoutMs: number): Promise<void> {
  await page.evaluate(`(${WATCH})(${JSON.stringify(id)}, ${pollMs}, ${timeoutMs})`);
}

export async function armClick(page: Page): Promise<void> {
  await page.evaluate(`(${ARM_CLICK})()`);
}

export async function closeNotification(page: Page, id: string): Promise<void> {
  await page.evaluate(`(${CLOSE_NOTIFICATION})(${JSON.stringify(id)})`);
}

export async function marks(page: Page): Promise<PageMarks> {
  return (await page.evaluate('window.__consoleBench')) as PageMarks;
}

/** Waits until the inbox entry has been seen. */
export async function inInbox(page: Page, timeoutMs: number): Promise<void> {
  await page.waitForFunction('window.__consoleBench && window.__consoleBench.dom !== null', null, {
    timeout: timeoutMs,
    polling: 'raf',
  });
}

/** Whether the notification is found within `timeoutMs` (the poller keeps its own deadline). */
export async function notified(page: Page, timeoutMs: number): Promise<boolean> {
  return page
    .waitForFunction('window.__consoleBench && window.__consoleBench.notification !== null', null, {
      timeout: timeoutMs,
      polling: 'raf',
    })
    .then(
      () => true,
      () => false,
    );
}

export interface ClockOffset {
  /** Page clock minus this process's clock (ms): page time − offset = process time. */
  offsetMs: number;
  /** Half the shortest round trip used: the offset is right within ± this. */
  uncertaintyMs: number;
}

/** This process's clock on the same basis as the page's: `performance.timeOrigin + now()`. */
export function nodeNow(): number {
  return performance.timeOrigin + performance.now();
}

/** The page's clock against this process's, from the shortest of `rounds` round trips. */
export async function clockOffset(page: Page, rounds = 20): Promise<ClockOffset> {
  let best: ClockOffset = { offsetMs: 0, uncertaintyMs: Infinity };
  for (let i = 0; i < rounds; i++) {
    const before = nodeNow();
    const pageAt = (await page.evaluate('performance.timeOrigin + performance.now()')) as number;
    const after = nodeNow();
    const half = (after - before) / 2;
    if (half < best.uncertaintyMs) best = { offsetMs: pageAt - (before + half), uncertaintyMs: half };
  }
  return best;
}
