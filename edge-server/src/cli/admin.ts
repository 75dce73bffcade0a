/**
 * `npm run admin -- <command>`: what an administrator does from the shell. Works on the data
 * directory directly (SQLite allows it while the server runs), except `kb:import` and
 * `device:revoke --admin`, which go through the running server's HTTP API so the new version is
 * validated and reaches every kiosk at once, and a revoked device's live connection is closed at once.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { ID_PATTERN, SKILLS, type AuditAction, type Skill } from '@frontdesk/protocol';
import { generateSecret, hashSecret, mosquittoHash } from '../auth/secrets.js';
import { mosquittoFiles } from '../broker/mosquitto-config.js';
import { loadConfig } from '../config.js';
import { recordAudit } from '../service/audit.js';
import { systemClock } from '../service/clock.js';
import { revokeDevice } from '../service/devices.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import { createBackup, restoreBackup } from '../ops/backup.js';

const config = loadConfig();

function openStore() {
  if (!existsSync(join(config.dataDir, 'frontdesk.db'))) {
    throw new Error(`no data in ${config.dataDir}: start the server once (npm start) or set DATA_DIR`);
  }
  return openSqliteStore(join(config.dataDir, 'frontdesk.db'));
}

const id = (value: string) => {
  if (!ID_PATTERN.test(value)) throw new InvalidArgumentError('1–64 characters of A–Z a–z 0–9 _ -');
  return value;
};
const skills = (value: string): Skill[] => {
  const list = value.split(',').map((s) => s.trim());
  for (const s of list)
    if (!(SKILLS as readonly string[]).includes(s))
      throw new InvalidArgumentError(`unknown skill ${s}; one of ${SKILLS.join(', ')}`);
  return list as Skill[];
};

/** The shell's name in the audit trail; the shell may act on every site. */
const CLI = { actor: 'admin-cli', site: null };
const clock = systemClock;

function audit(
  store: ReturnType<typeof openStore>,
  action: AuditAction,
  subject: string,
  detail: Record<string, unknown>,
) {
  return recordAudit(store.audit, clock.now(), {
    actor: CLI.actor,
    action,
    subject,
    detail,
    site: typeof detail.site === 'string' ? detail.site : null,
  });
}

/** Signs an administrator in to the running server; returns the bearer token. */
async function signIn(url: string, adminId: string, password: string): Promise<string> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: adminId, password }),
  });
  const session = (await login.json()) as { token?: string; error?: { message: string } };
  if (!login.ok || !session.token)
    throw new Error(`sign-in failed: ${session.error?.message ?? login.status}`);
  return session.token;
}

const program = new Command('admin').description('Edge front desk administration').showHelpAfterError();

program
  .command('staff:create')
  .description('create a member of staff (prints the password when generated)')
  .requiredOption('--id <id>', 'login id, e.g. li-na', id)
  .requiredOption('--name <name>', 'display name')
  .requiredOption('--site <site>', 'site id', id)
  .option('--role <role>', 'staff | supervisor | admin', 'staff')
  .option('--skills <list>', `comma-separated: ${SKILLS.join(',')}`, skills, ['front_desk'] as Skill[])
  .option('--password <password>', 'initial password (generated when omitted)')
  .action(
    async (o: {
      id: string;
      name: string;
      site: string;
      role: string;
      skills: Skill[];
      password?: string;
    }) => {
      if (!['staff', 'supervisor', 'admin'].includes(o.role))
        throw new InvalidArgumentError('role must be staff, supervisor or admin');
      const store = openStore();
      try {
        if ((await store.staff.get(o.id)) || (await store.devices.get(o.id)))
          throw new Error(`id ${o.id} is already taken`);
        const password = o.password ?? generateSecret(12);
        await store.staff.put({
          id: o.id,
          site: o.site,
          name: o.name,
          role: o.role as 'staff',
          skills: o.skills,
          passwordHash: await hashSecret(password),
          brokerHash: mosquittoHash(password),
          disabled: false,
          createdAt: clock.now(),
        });
        await audit(store, 'staff.create', `staff:${o.id}`, { role: o.role, skills: o.skills, site: o.site });
        console.log(
          JSON.stringify({ id: o.id, site: o.site, role: o.role, skills: o.skills, password }, null, 2),
        );
      } finally {
        await store.close();
      }
    },
  );

program
  .command('device:register')
  .description('register a kiosk and print its MQTT credentials')
  .requiredOption('--id <id>', 'device id, e.g. kiosk-lobby-2', id)
  .requiredOption('--site <site>', 'site id', id)
  .option('--name <name>', 'human name', 'Kiosk')
  .option('--place <place>', 'knowledge-base place id where it stands', id)
  .action(async (o: { id: string; site: string; name: string; place?: string }) => {
    const store = openStore();
    try {
      if ((await store.staff.get(o.id)) || (await store.devices.get(o.id)))
        throw new Error(`id ${o.id} is already taken`);
      const kb = await store.knowledgeBases.get(o.site);
      if (!kb) throw new Error(`unknown site ${o.site}`);
      if (o.place && !kb.places.some((p) => p.id === o.place))
        throw new Error(`no place ${o.place} in ${o.site}`);
      const secret = generateSecret();
      await store.devices.put({
        id: o.id,
        site: o.site,
        kind: 'kiosk',
        name: o.name,
        place: o.place ?? null,
        secretHash: await hashSecret(secret),
        brokerHash: mosquittoHash(secret),
        expiresAt: null,
        revoked: false,
        createdAt: clock.now(),
      });
      await audit(store, 'device.register', `device:${o.id}`, { site: o.site, place: o.place ?? null });
      console.log(
        JSON.stringify({ deviceId: o.id, site: o.site, mqttUsername: o.id, mqttPassword: secret }, null, 2),
      );
    } finally {
      await store.close();
    }
  });

program
  .command('device:revoke')
  .description(
    'revoke a device: it can no longer connect; with --admin, through the running server, which also closes its live connection at once',
  )
  .requiredOption('--id <id>', 'device id', id)
  .option('--admin <id>', 'administrator id (revoke through the running server)')
  .option('--password <password>', 'administrator password')
  .option('--url <url>', 'server URL', `http://127.0.0.1:${config.port}`)
  .action(async (o: { id: string; admin?: string; password?: string; url: string }) => {
    if (o.admin !== undefined) {
      if (o.password === undefined) throw new InvalidArgumentError('--admin needs --password');
      const token = await signIn(o.url, o.admin, o.password);
      const res = await fetch(`${o.url}/api/devices/${encodeURIComponent(o.id)}/revoke`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
      const body = (await res.json()) as { disconnected?: number; error?: { message: string } };
      if (!res.ok) throw new Error(`rejected: ${body.error?.message ?? res.status}`);
      console.log(`revoked ${o.id} (${body.disconnected ?? 0} live connection(s) closed)`);
      return;
    }
    const store = openStore();
    try {
      const result = await revokeDevice(store, clock.now(), o.id, CLI);
      if (!result.ok) throw new Error(result.reason);
      console.log(`revoked ${o.id}`);
      // Written to the data directory: a running server refuses the device's next connection and its
      // messages, but cannot know to close a connection that is open now.
      console.error(
        'a connection open now stays up until the device reconnects; use --admin and --password to close it at once',
      );
    } finally {
      await store.close();
    }
  });

program
  .command('kb:export')
  .description('print (or write) a site knowledge base as JSON')
  .requiredOption('--site <site>', 'site id', id)
  .option('--out <file>', 'write to a file instead of stdout')
  .action(async (o: { site: string; out?: string }) => {
    const store = openStore();
    try {
      const kb = await store.knowledgeBases.get(o.site);
      if (!kb) throw new Error(`unknown site ${o.site}`);
      const { version: _v, updatedAt: _u, ...input } = kb;
      const text = JSON.stringify(input, null, 2) + '\n';
      if (o.out) writeFileSync(o.out, text);
      else process.stdout.write(text);
    } finally {
      await store.close();
    }
  });

program
  .command('kb:import')
  .description(
    'validate and publish a knowledge base through the running server (reaches every kiosk at once)',
  )
  .argument('<file>', 'JSON file, as written by kb:export')
  .requiredOption('--admin <id>', 'administrator id')
  .requiredOption('--password <password>', 'administrator password')
  .requiredOption('--reason <text>', 'why it changes (kept with the version and in the audit trail)')
  .option('--url <url>', 'server URL', `http://127.0.0.1:${config.port}`)
  .action(async (file: string, o: { admin: string; password: string; reason: string; url: string }) => {
    const kb = JSON.parse(readFileSync(file, 'utf8')) as { site?: string };
    const token = await signIn(o.url, o.admin, o.password);
    const res = await fetch(`${o.url}/api/kb/${encodeURIComponent(kb.site ?? '')}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ reason: o.reason, kb }),
    });
    const body = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`rejected: ${JSON.stringify(body, null, 2)}`);
    console.log(JSON.stringify(body));
  });

program
  .command('queues')
  .description('open escalations and tickets, and who is on duty')
  .option('--site <site>', 'only this site', id)
  .action(async (o: { site?: string }) => {
    const store = openStore();
    try {
      const escalations = await store.escalations.list({ site: o.site, status: ['pending', 'claimed'] });
      const tickets = await store.tickets.list({ site: o.site, status: ['open', 'assigned', 'in_progress'] });
      const staff = await store.staff.list(o.site);
      const presence = new Map((await store.staff.listPresence()).map((p) => [p.staffId, p]));
      console.log(
        JSON.stringify(
          {
            escalations: escalations.map((e) => ({
              id: e.id,
              site: e.site,
              status: e.status,
              priority: e.priority,
              skill: e.skill,
              level: e.level,
              assignee: e.assigneeId,
              place: e.place,
              createdAt: new Date(e.createdAt).toISOString(),
            })),
            tickets: tickets.map((t) => ({
              id: t.id,
              site: t.site,
              status: t.status,
              category: t.category,
              room: t.room,
              assignee: t.assigneeId,
            })),
            staff: staff.map((s) => ({
              id: s.id,
              site: s.site,
              role: s.role,
              skills: s.skills,
              online: presence.get(s.id)?.online ?? false,
              onDuty: presence.get(s.id)?.onDuty ?? false,
            })),
          },
          null,
          2,
        ),
      );
    } finally {
      await store.close();
    }
  });

program
  .command('mosquitto:config')
  .description(
    'write mosquitto.conf, a password file and an ACL for running with an external Mosquitto (MQTT_URL)',
  )
  .option('--out <dir>', 'output directory', 'mosquitto')
  .option('--port <port>', 'listener port', '1883')
  .option(
    '--server-password <password>',
    'password for the edge-server account (default: this installation’s secret)',
  )
  .action(async (o: { out: string; port: string; serverPassword?: string }) => {
    const store = openStore();
    try {
      const out = resolve(o.out);
      mkdirSync(out, { recursive: true });
      const secrets = JSON.parse(readFileSync(join(config.dataDir, 'secrets.json'), 'utf8')) as {
        serverSecret: string;
      };
      const files = mosquittoFiles({
        serverHash: mosquittoHash(o.serverPassword ?? secrets.serverSecret),
        devices: await store.devices.list(),
        staff: await store.staff.list(),
        port: Number(o.port),
        dataDir: out,
        passwdPath: join(out, 'passwd'),
        aclPath: join(out, 'acl'),
      });
      writeFileSync(join(out, 'passwd'), files.passwd, { mode: 0o600 });
      writeFileSync(join(out, 'acl'), files.acl);
      writeFileSync(join(out, 'mosquitto.conf'), files.conf);
      if (files.skipped.length > 0)
        console.error(`no broker hash for: ${files.skipped.join(', ')} (reset their secrets)`);
      console.log(
        `wrote ${out}/mosquitto.conf, passwd, acl\nrun: mosquitto -c ${out}/mosquitto.conf\nthen: MQTT_URL=mqtt://127.0.0.1:${o.port} npm start`,
      );
    } finally {
      await store.close();
    }
  });

program
  .command('backup')
  .description(
    'copy the data directory (databases, photos, secrets, broker store) to --out; safe while the server runs',
  )
  .requiredOption('--out <dir>', 'a new or empty directory')
  .action(async (o: { out: string }) => {
    const manifest = await createBackup(config.dataDir, resolve(o.out), new Date(clock.now()));
    const bytes = manifest.files.reduce((sum, f) => sum + f.bytes, 0);
    console.log(
      `backed up ${config.dataDir} to ${resolve(o.out)}: ${manifest.files.length} files, ${bytes} bytes, ` +
        `schema ${manifest.schemaVersion}, broker store ${manifest.brokerStore}`,
    );
  });

program
  .command('restore')
  .description('restore a backup into DATA_DIR, which must be empty (stop the server first)')
  .requiredOption('--from <dir>', 'a directory written by backup')
  .action((o: { from: string }) => {
    const manifest = restoreBackup(resolve(o.from), config.dataDir);
    console.log(
      `restored ${manifest.files.length} files of ${manifest.createdAt} into ${config.dataDir}; integrity check ok`,
    );
  });

program.parseAsync().catch((err: unknown) => {
  console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
