import { loadConfig } from './config.js';
import { PRIVATE_UMASK } from './data-dir.js';
import { loadDemoData } from './demo.js';
import { startServer } from './server.js';

// Everything this process writes is private to its user: the database and its -wal/-shm, the broker's
// LevelDB files (created by LevelDB itself, which takes no mode), photos, secrets (data-dir.ts).
process.umask(PRIVATE_UMASK);
const config = loadConfig();
const server = await startServer(config);

const lines = [
  '',
  `  Edge front desk is running  ·  边缘前台已启动`,
  `  HTTP        ${server.httpUrl}   (/healthz, /kiosk/, /staff/)`,
  `  MQTT        ${server.mqttUrl}`,
  `  MQTT (ws)   ${server.mqttWsUrl}`,
  `  Data        ${config.dataDir}`,
];
if (config.demo) {
  const demo = await loadDemoData();
  lines.push('', '  Demo kiosks (MQTT username / password):');
  for (const d of demo.devices) lines.push(`    ${d.id.padEnd(22)} ${d.secret}   (${d.site})`);
  lines.push('', '  Demo staff (id / password, role, skills):');
  for (const s of demo.staff)
    lines.push(
      `    ${s.id.padEnd(16)} ${s.password.padEnd(18)} ${s.role.padEnd(10)} ${s.skills.join(',')}  (${s.site})`,
    );
}
console.log(lines.join('\n') + '\n');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.logger.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        server.logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
