/** The escalation and ticket the store contracts (contract.ts, privacy-contract.ts) start from. */
import type { KnowledgeBase } from '@frontdesk/protocol';
import type { Escalation, Ticket } from '../domain/types.js';

export function escalationFixture(overrides: Partial<Escalation> = {}): Escalation {
  return {
    id: 'esc-1',
    site: 'grand-hotel',
    deviceId: 'kiosk-1',
    conversationId: 'conv-1',
    trigger: 'asked_for_person',
    priority: 'routine',
    skill: 'front_desk',
    level: 0,
    status: 'pending',
    place: 'h-lobby',
    lang: 'zh',
    summary: '客人要求人工服务',
    intent: 'human_agent',
    department: null,
    sentiment: null,
    vip: false,
    transcript: [{ role: 'guest', text: '我要人工', at: 1000 }],
    intents: ['human_agent'],
    photoIds: [],
    offeredTo: ['li-na'],
    assigneeId: null,
    createdAt: 1000,
    levelStartedAt: 1000,
    claimedAt: null,
    closedAt: null,
    reassuredAt: null,
    resolutionNote: null,
    ...overrides,
  };
}

export function ticketFixture(overrides: Partial<Ticket> = {}): Ticket {
  return {
    id: 't-1',
    site: 'grand-hotel',
    deviceId: 'kiosk-1',
    conversationId: null,
    status: 'open',
    category: 'hvac',
    skill: 'maintenance',
    place: null,
    room: '1203',
    description: 'air conditioner shows E4',
    ocrText: 'E4',
    faultCode: 'E4',
    photoIds: ['p1'],
    lang: 'en',
    assigneeId: null,
    note: null,
    createdAt: 2000,
    updatedAt: 2000,
    ...overrides,
  };
}

/** A small, valid knowledge base. */
export function kbFixture(overrides: Partial<KnowledgeBase> = {}): KnowledgeBase {
  return {
    site: 'grand-hotel',
    kind: 'hotel',
    name: { zh: '酒店', en: 'Hotel' },
    version: 1,
    updatedAt: 1,
    faq: [{ intent: 'wifi', answer: { zh: '密码 1', en: 'password 1' } }],
    floors: [],
    places: [],
    edges: [],
    faultCodes: [],
    routing: [],
    ...overrides,
  };
}
