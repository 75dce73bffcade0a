import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ID_PATTERN, SKILLS, knowledgeBaseInputSchema } from '@frontdesk/protocol';
import { hashSecret, mosquittoHash } from './auth/secrets.js';
import type { FrontDesk } from './service/front-desk.js';
import type { Store } from './store/store.js';

export const DEMO_DIR = fileURLToPath(new URL('../demo/', import.meta.url));

const demoStaff = z.array(
  z.object({
    id: z.string().regex(ID_PATTERN),
    site: z.string(),
    name: z.string(),
    role: z.enum(['staff', 'supervisor', 'admin']),
    skills: z.array(z.enum(SKILLS)),
    senior: z.boolean().optional(),
    password: z.string().min(1),
    place: z.string().nullable().optional(),
  }),
);
const demoDevices = z.array(
  z.object({
    id: z.string().regex(ID_PATTERN),
    site: z.string(),
    kind: z.literal('kiosk'),
    name: z.string(),
    place: z.string().nullable(),
    secret: z.string().min(1),
  }),
);

export type DemoStaff = z.infer<typeof demoStaff>[number];
export type DemoDevice = z.infer<typeof demoDevices>[number];

async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8')) as unknown;
}

export async function loadDemoData(dir = DEMO_DIR) {
  const kbFiles = (await readdir(`${dir}kb`)).filter((f) => f.endsWith('.json')).sort();
  const kbs = await Promise.all(
    kbFiles.map(async (f) => knowledgeBaseInputSchema.parse(await readJson(`${dir}kb/${f}`))),
  );
  return {
    kbs,
    staff: demoStaff.parse(await readJson(`${dir}staff.json`)),
    devices: demoDevices.parse(await readJson(`${dir}devices.json`)),
  };
}

/**
 * Seeds the demo hotel and hospital into an empty store: knowledge bases (published, retained),
 * staff with their demo passwords, and the kiosks with their demo secrets. Does nothing when the store
 * already has a site, so a restart never overwrites what an administrator changed.
 */
export async function seedDemo(store: Store, service: FrontDesk, now: number): Promise<boolean> {
  if ((await store.knowledgeBases.sites()).length > 0) return false;
  const demo = await loadDemoData();
  for (const kb of demo.kbs) {
    const result = await service.publishKnowledgeBase(kb, { actor: 'system:demo', reason: 'demo data' });
    if (!result.ok)
      throw new Error(`demo knowledge base ${kb.site} is invalid: ${result.problems.join('; ')}`);
  }
  for (const s of demo.staff) {
    await store.staff.put({
      id: s.id,
      site: s.site,
      name: s.name,
      role: s.role,
      skills: s.skills,
      ...(s.senior ? { senior: true } : {}),
      passwordHash: await hashSecret(s.password),
      brokerHash: mosquittoHash(s.password),
      disabled: false,
      createdAt: now,
    });
    await store.staff.putPresence({
      staffId: s.id,
      online: false,
      onDuty: true,
      place: s.place ?? null,
      updatedAt: now,
    });
  }
  for (const d of demo.devices) {
    await store.devices.put({
      id: d.id,
      site: d.site,
      kind: 'kiosk',
      name: d.name,
      place: d.place,
      secretHash: await hashSecret(d.secret),
      brokerHash: mosquittoHash(d.secret),
      expiresAt: null,
      revoked: false,
      createdAt: now,
    });
  }
  await service.audit({
    actor: 'system',
    action: 'demo.seed',
    subject: 'store',
    detail: { sites: demo.kbs.map((k) => k.site) },
    site: null,
  });
  return true;
}
