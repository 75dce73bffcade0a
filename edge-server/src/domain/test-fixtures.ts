/** Builders shared by the domain's tests: small, explicit, overridable. Not used by production code. */
import type { KnowledgeBaseInput } from '@frontdesk/protocol';
import type { EscalationRaiseBody } from './escalations.js';
import type { Candidate } from './routing.js';
import type { Role, StaffMember } from './types.js';

export const T0 = 1_700_000_000_000;

export function member(id: string, over: Partial<StaffMember> = {}): StaffMember {
  return {
    id,
    site: 'hotel1',
    name: id.toUpperCase(),
    role: 'staff' as Role,
    skills: ['front_desk'],
    passwordHash: 'x',
    disabled: false,
    createdAt: 0,
    ...over,
  };
}

export function candidate(
  id: string,
  over: {
    member?: Partial<StaffMember>;
    online?: boolean;
    onDuty?: boolean;
    load?: number;
    distanceM?: number;
  } = {},
): Candidate {
  return {
    member: member(id, over.member),
    presence: {
      staffId: id,
      online: over.online ?? true,
      onDuty: over.onDuty ?? true,
      place: null,
      updatedAt: 0,
    },
    load: over.load ?? 0,
    distanceM: over.distanceM ?? Infinity,
  };
}

export function raiseBody(over: Partial<EscalationRaiseBody> = {}): EscalationRaiseBody {
  return {
    escalationId: 'esc1',
    conversationId: 'conv1',
    trigger: 'asked_for_person',
    lang: 'en',
    summary: 'Guest asks for a person',
    transcript: [],
    intents: [],
    photoIds: [],
    vip: false,
    ...over,
  };
}

const name = (en: string) => ({ en, zh: en });

/** Two floors: lobby (entrance, kiosk, desk) and floor 2 (corridor, room), joined by a lift and stairs. */
export function smallKb(over: Partial<KnowledgeBaseInput> = {}): KnowledgeBaseInput {
  const place = (id: string, floor: string, kind: KnowledgeBaseInput['places'][number]['kind']) => ({
    id,
    name: name(id),
    aliases: [],
    floor,
    x: 0,
    y: 0,
    kind,
  });
  return {
    site: 'hotel1',
    kind: 'hotel',
    name: name('Hotel'),
    faq: [{ intent: 'wifi', answer: name('Network "guest"') }],
    floors: [
      { id: 'f1', name: name('Lobby'), level: 1, svg: '<svg/>' },
      { id: 'f2', name: name('Floor 2'), level: 2, svg: '<svg/>' },
    ],
    places: [
      place('entrance', 'f1', 'entrance'),
      place('kiosk1', 'f1', 'kiosk'),
      place('desk', 'f1', 'service'),
      place('lift1', 'f1', 'lift'),
      place('lift2', 'f2', 'lift'),
      place('stairs1', 'f1', 'stairs'),
      place('stairs2', 'f2', 'stairs'),
      place('corridor2', 'f2', 'junction'),
      place('room201', 'f2', 'room'),
    ],
    edges: [
      { from: 'entrance', to: 'kiosk1', via: 'walk', costM: 5 },
      { from: 'kiosk1', to: 'desk', via: 'walk', costM: 10 },
      { from: 'kiosk1', to: 'lift1', via: 'walk', costM: 20 },
      { from: 'kiosk1', to: 'stairs1', via: 'walk', costM: 15 },
      { from: 'lift1', to: 'lift2', via: 'lift', costM: 10 },
      { from: 'stairs1', to: 'stairs2', via: 'stairs', costM: 30 },
      { from: 'lift2', to: 'corridor2', via: 'walk', costM: 5 },
      { from: 'stairs2', to: 'corridor2', via: 'walk', costM: 5 },
      { from: 'corridor2', to: 'room201', via: 'walk', costM: 8 },
    ],
    faultCodes: [{ code: 'E4', category: 'appliance', title: name('Kettle'), selfFix: { zh: [], en: [] } }],
    routing: [],
    ...over,
  };
}
