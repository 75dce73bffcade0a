/**
 * The two small pages a guest's phone opens from a kiosk's QR code, rendered on the server (no
 * login, no script): the route to take along, and the status of a ticket or request for a person.
 * Both languages on one page, since the phone's language is not known.
 */
import { drawRoute, escapeText, planRoute } from '@frontdesk/wayfinding/node';
import type { GuestEscalationView, KnowledgeBase, LocalizedString, TicketView } from '@frontdesk/protocol';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const both = (t: LocalizedString) =>
  `<span lang="zh-CN">${escapeText(t.zh)}</span> <span class="en" lang="en">${escapeText(t.en)}</span>`;

/** The pages' one inline style; its hash is in their Content-Security-Policy. */
export const PHONE_PAGE_CSS = `
body{font:17px/1.5 system-ui,"Noto Sans CJK SC",sans-serif;max-width:40rem;margin:0 auto;padding:1rem;color:#1a1a1a;background:#fff}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:1.5rem}.en{color:#444}
.map svg{width:100%;height:auto;border:1px solid #ccc;border-radius:8px}
ol.steps li{margin:.4rem 0}.status{font-size:1.2rem;font-weight:bold}
.note{background:#fff4e6;padding:.75rem;border-radius:8px}
`;

function page(title: LocalizedString, body: string, head = ''): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">${head}
<title>${escapeText(title.zh)} · ${escapeText(title.en)}</title>
<style>${PHONE_PAGE_CSS}</style></head><body>
<h1>${both(title)}</h1>
${body}
</body></html>`;
}

export const ROUTE_PAGE_TEXT = {
  title: { zh: '路线', en: 'Your route' },
  notFound: { zh: '找不到这条路线。', en: 'This route could not be found.' },
  youAreHere: { zh: '起点', en: 'Start' },
  destination: { zh: '终点', en: 'Destination' },
  steps: { zh: '怎么走', en: 'Directions' },
  total: (m: number): LocalizedString => ({ zh: `全程约 ${m} 米`, en: `About ${m} m in all` }),
} as const;

/** `/m/route?site=&from=&to=`: every floor of the route with the way drawn, then the steps. */
export function routePage(
  kb: KnowledgeBase | null,
  from: string,
  to: string,
): { status: number; html: string } {
  const route = kb ? planRoute(kb, from, to) : null;
  if (!kb || !route)
    return { status: 404, html: page(ROUTE_PAGE_TEXT.title, `<p>${both(ROUTE_PAGE_TEXT.notFound)}</p>`) };
  const places = new Map(kb.places.map((p) => [p.id, p]));
  const start = places.get(from);
  const end = places.get(to);
  const maps = route.legs
    .map((leg, i) => {
      const floor = kb.floors.find((f) => f.id === leg.floor);
      if (!floor) return '';
      const svg = drawRoute(floor.svg, leg, {
        youAreHere: i === 0 ? (leg.points[0] ?? null) : null,
        destination: i === route.legs.length - 1 ? (leg.points.at(-1) ?? null) : null,
        labels: {
          youAreHere: `${ROUTE_PAGE_TEXT.youAreHere.zh} ${ROUTE_PAGE_TEXT.youAreHere.en}`,
          destination: `${ROUTE_PAGE_TEXT.destination.zh} ${ROUTE_PAGE_TEXT.destination.en}`,
        },
      });
      return `<h2>${both(floor.name)}</h2><div class="map" role="img" aria-label="${escape(`${floor.name.zh} ${floor.name.en}`)}">${svg}</div>`;
    })
    .join('\n');
  const steps = route.steps.map((s) => `<li>${both(s.text)}</li>`).join('');
  const title: LocalizedString = {
    zh: `到${end?.name.zh ?? to}`,
    en: `To ${end?.name.en ?? to}`,
  };
  const body = `<p>${both({ zh: `从${start?.name.zh ?? from}出发`, en: `From ${start?.name.en ?? from}` })} · ${both(
    ROUTE_PAGE_TEXT.total(Math.round(route.costM)),
  )}</p>
${maps}
<h2>${both(ROUTE_PAGE_TEXT.steps)}</h2>
<ol class="steps">${steps}</ol>`;
  return { status: 200, html: page(title, body) };
}

const TICKET_STATUS: Record<TicketView['status'], LocalizedString> = {
  open: { zh: '已收到，等待安排', en: 'Received, waiting to be assigned' },
  assigned: { zh: '已安排维修人员', en: 'Someone has been assigned' },
  in_progress: { zh: '正在处理', en: 'Being fixed' },
  resolved: { zh: '已解决', en: 'Resolved' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

const ESCALATION_STATUS: Record<GuestEscalationView['status'], LocalizedString> = {
  pending: { zh: '正在为您联系工作人员', en: 'Finding a member of staff for you' },
  claimed: { zh: '工作人员已接手', en: 'A member of staff is with you' },
  resolved: { zh: '已处理完毕', en: 'Done' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

export const CONTINUE_PAGE_TEXT = {
  title: { zh: '在手机上继续', en: 'Continue on your phone' },
  notFound: {
    zh: '这个二维码无效或已过期。请回到自助机重新扫描。',
    en: 'This QR code is unknown or has expired. Please scan a new one at the kiosk.',
  },
  ticket: { zh: '报修单', en: 'Fault report' },
  escalation: { zh: '人工服务', en: 'Request for staff' },
  nothing: { zh: '对话已转到您的手机。', en: 'The conversation is now on your phone.' },
  openApp: { zh: '在此浏览器中继续对话', en: 'Continue the conversation in this browser' },
  wechat: {
    zh: '用微信扫描同一个二维码，可在小程序中查看进度并与工作人员聊天。',
    en: 'Scan the same QR code with WeChat to follow it and chat with staff in the mini-program.',
  },
  assignee: (name: string): LocalizedString => ({ zh: `负责人：${name}`, en: `Handled by: ${name}` }),
  position: (n: number): LocalizedString => ({
    zh: `前面还有 ${n - 1} 位`,
    en: `Position in the queue: ${n}`,
  }),
} as const;

/** `/m/continue?h=<code>`: the handed-over ticket and request, and where to chat (WeChat). */
/**
 * Where the H5 build of the mini-program resumes a handed-over conversation (served at `/m/app/`
 * when it is built); the code and site travel in the hash, which is never sent to a server.
 */
export function phoneAppContinueUrl(code: string, site: string): string {
  const q = new URLSearchParams({ h: code, site });
  return `/m/app/#/pages/continue/index?${q.toString()}`;
}

/**
 * The continue-on-phone page: the status of what the kiosk handed over; with the H5 app built
 * (`appUrl`), a browser is sent on to it at once (a meta refresh: this page runs no script).
 */
export function continuePage(
  view: { escalation: GuestEscalationView | null; ticket: TicketView | null } | null,
  appUrl: string | null = null,
): { status: number; html: string } {
  const t = CONTINUE_PAGE_TEXT;
  if (!view) return { status: 404, html: page(t.title, `<p>${both(t.notFound)}</p>`) };
  const parts: string[] = [];
  if (view.ticket) {
    const k = view.ticket;
    parts.push(`<section aria-labelledby="ticket-h"><h2 id="ticket-h">${both(t.ticket)} <small>${escape(k.id)}</small></h2>
<p class="status" data-ticket-status="${escape(k.status)}">${both(TICKET_STATUS[k.status])}</p>
<p>${escapeText(k.description)}</p>
${k.assignee ? `<p>${both(t.assignee(k.assignee.name))}</p>` : ''}</section>`);
  }
  if (view.escalation) {
    const e = view.escalation;
    parts.push(`<section aria-labelledby="esc-h"><h2 id="esc-h">${both(t.escalation)}</h2>
<p class="status" data-escalation-status="${escape(e.status)}">${both(ESCALATION_STATUS[e.status])}</p>
${e.position !== null && e.status === 'pending' ? `<p>${both(t.position(e.position))}</p>` : ''}
${e.assignee ? `<p>${both(t.assignee(e.assignee.name))}</p>` : ''}</section>`);
  }
  if (parts.length === 0) parts.push(`<p>${both(t.nothing)}</p>`);
  if (appUrl) parts.push(`<p><a href="${escape(appUrl)}" data-continue-app>${both(t.openApp)}</a></p>`);
  parts.push(`<p class="note">${both(t.wechat)}</p>`);
  const head = appUrl ? `\n<meta http-equiv="refresh" content="0; url=${escape(appUrl)}">` : '';
  return { status: 200, html: page(t.title, parts.join('\n'), head) };
}
