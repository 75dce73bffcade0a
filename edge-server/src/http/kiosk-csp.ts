/**
 * The kiosk's Content-Security-Policy. Its job is privacy: camera frames, faces and ID photos never
 * leave the device, and libraries must not phone home (MediaPipe's tasks-vision POSTs usage logs to a
 * Google host from inside its worker). So the kiosk page and its workers may connect only to the
 * server that served them — HTTP, and MQTT over WebSocket on the same host — plus the broker's
 * WebSocket origin when `MQTT_WS_URL` names another one. `blob:` and `data:` stay on the device
 * (WASM loaders fetch inlined binaries that way). Sent as a header, not a `<meta>`, because a worker
 * loaded from a URL gets the policy of its own response, not its page's.
 */

/** A Host header as a browser sends it: a name or IPv4/[IPv6] literal, optional port. */
const HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

export function kioskContentSecurityPolicy(options: {
  /** The request's Host header. */
  host: string | undefined;
  /** MQTT_WS_URL, when the broker's WebSocket is not on this server. */
  mqttWsUrl: string | null;
}): string {
  const connect = ["'self'"];
  const host = options.host?.trim() ?? '';
  // A malformed Host cannot be echoed into a header; 'self' still covers same-origin HTTP.
  if (HOST.test(host)) connect.push(`ws://${host}`, `wss://${host}`);
  if (options.mqttWsUrl) {
    try {
      const url = new URL(options.mqttWsUrl);
      if (url.protocol === 'ws:' || url.protocol === 'wss:') connect.push(url.origin);
    } catch {
      // An unparsable MQTT_WS_URL adds nothing; the kiosk shows itself offline.
    }
  }
  connect.push('blob:', 'data:');
  return [
    `connect-src ${[...new Set(connect)].join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
