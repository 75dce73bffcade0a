import { readFileSync } from 'node:fs';
import {
  knowledgeBaseInputSchema,
  type KnowledgeBase,
  type StaffEscalationView,
  type TicketView,
} from '@frontdesk/protocol';
import type { Me } from '../src/features/inbox/inbox.js';

export const T0 = 1_795_324_683_000;

export const LI_NA: Me = {
  id: 'li-na',
  name: '李娜',
  role: 'staff',
  skills: ['front_desk'],
  site: 'grand-hotel',
};
export const ZHAO_LEI: Me = {
  id: 'zhao-lei',
  name: '赵磊',
  role: 'supervisor',
  skills: [],
  site: 'grand-hotel',
};

export function escalation(over: Partial<StaffEscalationView> = {}): StaffEscalationView {
  return {
    id: 'esc-1',
    status: 'pending',
    priority: 'routine',
    position: 1,
    assignee: null,
    createdAt: T0,
    site: 'grand-hotel',
    deviceId: 'kiosk-hotel-lobby',
    conversationId: 'conv-1',
    trigger: 'asked_for_person',
    skill: 'front_desk',
    level: 0,
    place: 'h-lobby-kiosk',
    lang: 'zh',
    summary: '客人要求人工服务',
    intent: 'human_agent',
    department: null,
    transcript: [{ role: 'guest', text: '我要人工', at: T0 - 3000 }],
    intents: ['human_agent'],
    photoIds: [],
    claimDueAt: T0 + 300_000,
    unstaffed: false,
    ...over,
  };
}

export function ticket(over: Partial<TicketView> = {}): TicketView {
  return {
    id: 't-1',
    site: 'grand-hotel',
    status: 'assigned',
    category: 'hvac',
    skill: 'maintenance',
    place: null,
    room: '1203',
    description: '空调不制冷',
    faultCode: 'E4',
    photoIds: [],
    repairPhotoIds: [],
    assignee: { id: 'chen-jie', name: '陈杰' },
    note: null,
    createdAt: T0,
    updatedAt: T0,
    unstaffed: false,
    priority: 'routine',
    dueAt: null,
    escalated: false,
    ...over,
  };
}

/** The demo hotel's knowledge base, as the server publishes it. */
export function hotelKb(): KnowledgeBase {
  const raw: unknown = JSON.parse(readFileSync(new URL('../../demo/kb/hotel.json', import.meta.url), 'utf8'));
  return { ...knowledgeBaseInputSchema.parse(raw), version: 1, updatedAt: T0 };
}
