/** Where the console is: the hash, so a notification can open `/staff/#/item/<id>` directly. */
export type Route =
  | { screen: 'inbox' }
  | { screen: 'item'; id: string }
  | { screen: 'ticket'; id: string }
  | { screen: 'board' }
  | { screen: 'account' }
  | { screen: 'admin'; tab: AdminTab };

/** The admin section's screens (administrators only). */
export const ADMIN_TABS = ['kb', 'versions', 'audit'] as const;
export type AdminTab = (typeof ADMIN_TABS)[number];

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function parseRoute(hash: string): Route {
  const [, screen, id] = hash.replace(/^#/, '').split('/');
  if ((screen === 'item' || screen === 'ticket') && id && ID.test(id)) return { screen, id };
  if (screen === 'board') return { screen: 'board' };
  if (screen === 'account') return { screen: 'account' };
  if (screen === 'admin') {
    const tab = ADMIN_TABS.find((t) => t === id) ?? 'kb';
    return { screen: 'admin', tab };
  }
  return { screen: 'inbox' };
}

export function routeHash(route: Route): string {
  if (route.screen === 'admin') return `#/admin/${route.tab}`;
  return route.screen === 'inbox'
    ? '#/'
    : 'id' in route
      ? `#/${route.screen}/${route.id}`
      : `#/${route.screen}`;
}
