/** The page's one inline style; its hash is in the page's Content-Security-Policy. */
export const LANDING_CSS =
  'body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}code{background:#f2f2f2;padding:0 .25rem}';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page at `/`: where things are, in both languages. */
export function landingPage(
  version: string,
  dirs: { kiosk: string | null; staff: string | null },
  mqtt: { tcp: string | null; ws: string },
): string {
  const link = (href: string, zh: string, en: string, present: boolean) =>
    present
      ? `<li><a href="${href}">${zh} · ${en}</a></li>`
      : `<li>${zh} · ${en} — <em>未构建 · not built</em></li>`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>边缘前台 · Edge Front Desk</title>
<style>${LANDING_CSS}</style>
</head><body>
<h1>边缘前台 · Edge Front Desk <small>${escape(version)}</small></h1>
<ul>
${link('/kiosk/', '大堂自助终端', 'Lobby kiosk', dirs.kiosk !== null)}
${link('/staff/', '员工手持端', 'Staff console', dirs.staff !== null)}
<li><a href="/healthz">/healthz</a> · <a href="/metrics">/metrics</a></li>
</ul>
<p>MQTT: ${mqtt.tcp ? `<code>${escape(mqtt.tcp)}</code> · ` : ''}<code>${escape(mqtt.ws)}</code></p>
</body></html>`;
}
