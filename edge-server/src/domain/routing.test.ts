import type { RoutingRule } from '@frontdesk/protocol';
import { describe, expect, it } from 'vitest';
import { buildCandidates, chooseAssignees, skillFor, type RoutingInput } from './routing.js';
import { candidate, member } from './test-fixtures.js';

describe('skillFor', () => {
  const defaults: [string, 'hotel' | 'hospital', RoutingInput, string][] = [
    ['emergency trigger in a hospital', 'hospital', { trigger: 'emergency' }, 'nursing'],
    ['emergency trigger in a hotel', 'hotel', { trigger: 'emergency' }, 'security'],
    [
      'emergency intent in a hotel',
      'hotel',
      { trigger: 'asked_for_person', intent: 'emergency' },
      'security',
    ],
    [
      'housekeeping intent',
      'hotel',
      { trigger: 'asked_for_person', intent: 'hotel.housekeeping' },
      'housekeeping',
    ],
    ['amenities intent', 'hotel', { trigger: 'flow_failure', intent: 'hotel.amenities' }, 'housekeeping'],
    ['fault category', 'hotel', { category: 'plumbing' }, 'maintenance'],
    ['fault category "other"', 'hospital', { category: 'other' }, 'maintenance'],
    ['fault_report intent', 'hotel', { trigger: 'flow_failure', intent: 'fault_report' }, 'maintenance'],
    ['check-in', 'hotel', { trigger: 'flow_failure', intent: 'hotel.checkin' }, 'front_desk'],
    ['nothing known', 'hospital', { trigger: 'no_answer' }, 'front_desk'],
  ];
  it.each(defaults)('default: %s', (_n, kind, input, skill) => {
    expect(skillFor([], kind, input)).toBe(skill);
  });

  const rules: RoutingRule[] = [
    { when: { intent: 'hotel.luggage' }, skill: 'housekeeping' },
    { when: { trigger: 'emergency', intent: 'emergency' }, skill: 'front_desk' },
    { when: { category: 'network' }, skill: 'front_desk' },
    { when: { category: 'network' }, skill: 'security' },
  ];

  it('the first matching rule wins', () => {
    expect(skillFor(rules, 'hotel', { category: 'network' })).toBe('front_desk');
    expect(skillFor(rules, 'hotel', { trigger: 'asked_for_person', intent: 'hotel.luggage' })).toBe(
      'housekeeping',
    );
  });

  it('every condition of a rule must hold', () => {
    expect(skillFor(rules, 'hotel', { trigger: 'emergency', intent: 'emergency' })).toBe('front_desk');
    // Only the trigger matches: falls through to the default.
    expect(skillFor(rules, 'hotel', { trigger: 'emergency' })).toBe('security');
  });

  it('a rule with no conditions is a catch-all', () => {
    expect(skillFor([{ when: {}, skill: 'security' }], 'hospital', { trigger: 'no_answer' })).toBe(
      'security',
    );
  });
});

describe('chooseAssignees', () => {
  const esc = { site: 'hotel1', skill: 'front_desk' as const };

  it('level 0: the nearest available member with the skill', () => {
    const offer = chooseAssignees(
      esc,
      [
        candidate('far', { distanceM: 50 }),
        candidate('near', { distanceM: 10 }),
        candidate('unknown'),
        candidate('nearest-wrong-skill', { distanceM: 1, member: { skills: ['housekeeping'] } }),
      ],
      0,
    );
    expect(offer).toEqual({ level: 0, staffIds: ['near'] });
  });

  it('level 0: ties on distance go to the least loaded, then by id', () => {
    expect(
      chooseAssignees(
        esc,
        [candidate('b', { distanceM: 5, load: 2 }), candidate('c', { distanceM: 5, load: 1 })],
        0,
      ).staffIds,
    ).toEqual(['c']);
    expect(
      chooseAssignees(esc, [candidate('b', { distanceM: 5 }), candidate('a', { distanceM: 5 })], 0).staffIds,
    ).toEqual(['a']);
    // Unknown distances are equal to each other and behind every known one.
    expect(
      chooseAssignees(
        esc,
        [
          candidate('x', { load: 3 }),
          candidate('y', { load: 0 }),
          candidate('z', { distanceM: 999, load: 9 }),
        ],
        0,
      ).staffIds,
    ).toEqual(['z']);
    expect(
      chooseAssignees(esc, [candidate('x', { load: 3 }), candidate('y', { load: 0 })], 0).staffIds,
    ).toEqual(['y']);
  });

  it('level 0 skips the offline, off duty, disabled, other sites and members without presence', () => {
    const noPresence = { ...candidate('ghost', { distanceM: 0 }), presence: null };
    const offer = chooseAssignees(
      esc,
      [
        candidate('offline', { online: false, distanceM: 0 }),
        candidate('off-duty', { onDuty: false, distanceM: 0 }),
        candidate('disabled', { member: { disabled: true }, distanceM: 0 }),
        candidate('elsewhere', { member: { site: 'hosp1' }, distanceM: 0 }),
        noPresence,
        candidate('ok', { distanceM: 100 }),
      ],
      0,
    );
    expect(offer.staffIds).toEqual(['ok']);
  });

  it('level 0 with nobody skilled goes straight to level 1', () => {
    const offer = chooseAssignees(
      esc,
      [
        candidate('hk', { member: { skills: ['housekeeping'] } }),
        candidate('sup', { member: { role: 'supervisor', skills: [] } }),
        candidate('adm', { member: { role: 'admin', skills: [] } }),
      ],
      0,
    );
    expect(offer).toEqual({ level: 1, staffIds: ['adm', 'sup'] });
  });

  it('level 1: all available supervisors and admins of the site', () => {
    const offer = chooseAssignees(
      esc,
      [
        candidate('s1', { member: { role: 'supervisor' } }),
        candidate('s2', { member: { role: 'supervisor' }, onDuty: false }),
        candidate('s3', { member: { role: 'supervisor', site: 'other' } }),
        candidate('a1', { member: { role: 'admin' } }),
        candidate('st', {}),
      ],
      1,
    );
    expect(offer).toEqual({ level: 1, staffIds: ['a1', 's1'] });
  });

  it('level 1 with no supervisor available goes to level 2', () => {
    expect(
      chooseAssignees(esc, [candidate('st'), candidate('hk', { member: { skills: ['housekeeping'] } })], 1),
    ).toEqual({
      level: 2,
      staffIds: ['hk', 'st'],
    });
  });

  it('level 2: everyone available at the site, possibly nobody', () => {
    expect(
      chooseAssignees(
        esc,
        [
          candidate('a'),
          candidate('b', { online: false }),
          candidate('c', { member: { role: 'supervisor' } }),
        ],
        2,
      ),
    ).toEqual({ level: 2, staffIds: ['a', 'c'] });
    expect(chooseAssignees(esc, [candidate('a', { onDuty: false })], 2)).toEqual({ level: 2, staffIds: [] });
    expect(chooseAssignees(esc, [], 0)).toEqual({ level: 2, staffIds: [] });
  });

  it('never offers again to who just released it when someone else can take it', () => {
    const cands = [candidate('releaser', { distanceM: 1 }), candidate('other', { distanceM: 100 })];
    expect(chooseAssignees(esc, cands, 0, 'releaser').staffIds).toEqual(['other']);
    // ...but does when they are the only one, rather than climbing a level.
    expect(chooseAssignees(esc, [candidate('releaser')], 0, 'releaser')).toEqual({
      level: 0,
      staffIds: ['releaser'],
    });
    const sups = [
      candidate('s1', { member: { role: 'supervisor' } }),
      candidate('s2', { member: { role: 'supervisor' } }),
    ];
    expect(chooseAssignees(esc, sups, 1, 's1').staffIds).toEqual(['s2']);
    expect(chooseAssignees(esc, sups.slice(0, 1), 1, 's1').staffIds).toEqual(['s1']);
  });

  it('clamps levels out of range', () => {
    expect(chooseAssignees(esc, [candidate('a')], 7).level).toBe(2);
    expect(chooseAssignees(esc, [candidate('a')], -1)).toEqual({ level: 0, staffIds: ['a'] });
  });
});

describe('buildCandidates', () => {
  it('joins presence, load and distance; unknown or missing places are Infinity', () => {
    const cands = buildCandidates(
      [member('a'), member('b'), member('c')],
      [
        { staffId: 'a', online: true, onDuty: true, place: 'desk', updatedAt: 1 },
        { staffId: 'b', online: true, onDuty: true, place: 'mars', updatedAt: 1 },
      ],
      new Map([['a', 2]]),
      new Map([['desk', 12]]),
    );
    expect(cands.map((c) => [c.member.id, c.presence?.place ?? null, c.load, c.distanceM])).toEqual([
      ['a', 'desk', 2, 12],
      ['b', 'mars', 0, Infinity],
      ['c', null, 0, Infinity],
    ]);
  });
});
