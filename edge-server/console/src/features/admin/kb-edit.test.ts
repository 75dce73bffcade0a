import type { KnowledgeBase } from '@frontdesk/protocol';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_AUDIT_FORM,
  auditQuery,
  faqIndexesWithIssues,
  fieldIssues,
  inputOf,
  issuesAt,
  setAnswer,
  stableJson,
  versionDiff,
} from './kb-edit.js';

const kb = (wifi: string, version = 1): KnowledgeBase => ({
  site: 'grand-hotel',
  kind: 'hotel',
  name: { zh: '云栖酒店', en: 'Yunqi Hotel' },
  version,
  updatedAt: version * 1000,
  faq: [
    { intent: 'wifi', answer: { zh: `密码 ${wifi}`, en: `password ${wifi}` } },
    { intent: 'parking', answer: { zh: '地下二层', en: 'B2' } },
  ],
  floors: [],
  places: [],
  edges: [],
  faultCodes: [],
  routing: [],
});

describe('the knowledge-base editor core', () => {
  it('edits one answer in one language and leaves the draft it came from alone', () => {
    const draft = inputOf(kb('old'));
    expect(draft).not.toHaveProperty('version');
    const next = setAnswer(draft, 0, 'en', 'password new');
    expect(next.faq[0]!.answer).toEqual({ zh: '密码 old', en: 'password new' });
    expect(next.faq[1]).toBe(draft.faq[1]);
    expect(draft.faq[0]!.answer.en).toBe('password old');
  });

  it("puts the server's schema problems on their fields and its rule problems on the whole", () => {
    // As the server words them (`describeIssues`: `path: why`, joined by `; `).
    const schema = fieldIssues(
      'kb.faq.1.answer.zh: Too small: expected string to have >=1 characters; kb.floors: Invalid input; reason: Too big',
      undefined,
    );
    expect(schema).toEqual([
      { path: 'faq.1.answer.zh', message: 'Too small: expected string to have >=1 characters' },
      { path: 'floors', message: 'Invalid input' },
      { path: 'reason', message: 'Too big' },
    ]);
    expect(issuesAt(schema, 'faq.1.answer.zh')).toEqual([
      'Too small: expected string to have >=1 characters',
    ]);
    expect(issuesAt(schema, 'faq.1.answer.en')).toEqual([]);
    expect(faqIndexesWithIssues(schema)).toEqual([1]);
    const rules = fieldIssues('the knowledge base has 2 problem(s)', [
      'edge h-lobby-kiosk→nowhere ends at unknown place "nowhere"',
      'duplicate faq entry for "wifi"',
    ]);
    expect(rules.map((i) => i.path)).toEqual([null, null]);
    expect(rules[0]!.message).toContain('nowhere');
    expect(fieldIssues('site in the body differs from the URL', undefined)).toEqual([
      { path: null, message: 'site in the body differs from the URL' },
    ]);
  });

  it('diffs two versions line by line, ignoring the version number and key order', () => {
    const hunks = versionDiff(kb('old', 1), kb('new', 2));
    const changed = hunks.flatMap((h) => h.lines.filter((l) => l.kind !== 'same'));
    expect(changed).toEqual([
      { kind: 'removed', text: '        "en": "password old",' },
      { kind: 'removed', text: '        "zh": "密码 old"' },
      { kind: 'added', text: '        "en": "password new",' },
      { kind: 'added', text: '        "zh": "密码 new"' },
    ]);
    expect(hunks).toHaveLength(1);
    expect(hunks[0]!.lines.filter((l) => l.kind === 'same').length).toBeGreaterThan(0);
    expect(versionDiff(kb('same', 1), kb('same', 7))).toEqual([]);
    expect(stableJson({ b: 1, a: { d: 2, c: 3 } })).toBe(stableJson({ a: { c: 3, d: 2 }, b: 1 }));
  });

  it("builds the audit trail's query: trimmed filters, whole days in the handheld's time zone, paging", () => {
    expect(auditQuery(EMPTY_AUDIT_FORM, 0, 50, 480)).toBe('limit=50');
    const q = new URLSearchParams(
      auditQuery(
        {
          actor: ' staff:sun-li ',
          action: 'kb.revert',
          subject: 'kb:',
          from: '2026-12-06',
          to: '2026-12-06',
        },
        41,
        50,
        480,
      ),
    );
    expect(Object.fromEntries(q)).toEqual({
      actor: 'staff:sun-li',
      action: 'kb.revert',
      subject: 'kb:',
      // Midnight in Beijing (UTC+8) is 16:00 UTC the day before; `to` takes in the whole day.
      from: String(Date.UTC(2026, 11, 5, 16)),
      to: String(Date.UTC(2026, 11, 6, 16)),
      after: '41',
      limit: '50',
    });
    expect(auditQuery({ ...EMPTY_AUDIT_FORM, from: 'not a date' }, 0, 10, 0)).toBe('limit=10');
  });
});
