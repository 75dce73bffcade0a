import { describe, expect, it } from 'vitest';
import {
  decodeDeviceUp,
  decodeStaffUp,
  knowledgeBaseInputSchema,
  safeText,
  type KnowledgeBaseInput,
} from './index.js';

const envelope = (type: string, body: unknown, from = 'k1') =>
  JSON.stringify({ v: 1, id: 'm-1', type, from, ts: 1, body });

/** One character of each refused class, with the words the reason uses for it. */
const HOSTILE: [name: string, ch: string, reason: RegExp][] = [
  ['NUL', '\u0000', /control character \(U\+0000\)/],
  ['ESC (terminal escape)', '\u001b', /control character \(U\+001B\)/],
  ['CR (log-line rewrite)', '\r', /control character \(U\+000D\)/],
  ['vertical tab', '\u000b', /control character \(U\+000B\)/],
  ['DEL', '\u007f', /control character \(U\+007F\)/],
  ['C1 NEL', '\u0085', /control character \(U\+0085\)/],
  ['C1 CSI', '\u009b', /control character \(U\+009B\)/],
  ['LRE', '\u202a', /bidirectional control \(U\+202A\)/],
  ['RLE', '\u202b', /bidirectional control \(U\+202B\)/],
  ['PDF', '\u202c', /bidirectional control \(U\+202C\)/],
  ['LRO', '\u202d', /bidirectional control \(U\+202D\)/],
  ['RLO (right-to-left override)', '\u202e', /bidirectional control \(U\+202E\)/],
  ['LRI', '\u2066', /bidirectional control \(U\+2066\)/],
  ['RLI', '\u2067', /bidirectional control \(U\+2067\)/],
  ['FSI', '\u2068', /bidirectional control \(U\+2068\)/],
  ['PDI', '\u2069', /bidirectional control \(U\+2069\)/],
  ['a lone high surrogate', '\ud83d', /lone surrogate \(U\+D83D\)/],
  ['a lone low surrogate', '\ude00', /lone surrogate \(U\+DE00\)/],
  ['a surrogate pair the wrong way round', '\ude00\ud83d', /lone surrogate \(U\+DE00\)/],
  ['U+FFFE', '\ufffe', /noncharacter \(U\+FFFE\)/],
  ['U+FFFF', '\uffff', /noncharacter \(U\+FFFF\)/],
];

describe('safeText', () => {
  const multi = safeText(100);
  const single = safeText(100, { multiline: false });

  it.each(HOSTILE)('refuses %s, naming the code point and where it is', (_name, ch, reason) => {
    for (const schema of [multi, single]) {
      const r = schema.safeParse(`ab${ch}cd`);
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toMatch(reason);
      expect(r.error?.issues[0]?.message).toMatch(/at index 2$/);
    }
  });

  it('keeps ordinary text in both languages, emoji, bidi marks and line breaks where lines are allowed', () => {
    const fine = ['大堂 Lobby', '房间 1203 的空调不制冷 😀', 'شكرا\u200f room 12', 'abc\u200e', 'x\u00a0y'];
    for (const s of fine) {
      expect(multi.parse(s)).toBe(s);
      expect(single.parse(s)).toBe(s);
    }
    expect(multi.parse('line one\n\tline two')).toBe('line one\n\tline two');
  });

  it('refuses tab and newline in one-line text', () => {
    expect(single.safeParse('a\nb').error?.issues[0]?.message).toMatch(/line break or tab \(U\+000A\)/);
    expect(single.safeParse('a\tb').error?.issues[0]?.message).toMatch(/line break or tab \(U\+0009\)/);
  });

  it('trims, and keeps its length limits, unless told otherwise', () => {
    expect(multi.parse('  hi  ')).toBe('hi');
    expect(multi.safeParse('   ').success).toBe(false);
    expect(safeText(3).safeParse('abcd').success).toBe(false);
    expect(safeText(10, { trim: false, min: 0 }).parse(' ')).toBe(' ');
  });
});

describe('hostile text in messages is refused with INVALID_MESSAGE and the field', () => {
  const RLO = '\u202e';
  const raise = {
    escalationId: 'e1',
    conversationId: 'c1',
    trigger: 'asked_for_person',
    lang: 'en',
    summary: 'help',
  };
  it.each<[string, string, unknown, RegExp]>([
    ['chat text', 'chat.send', { escalationId: 'e1', text: `hi${RLO}` }, /^body\.text: .*U\+202E/],
    [
      'a conversation turn',
      'conversation.turn',
      { conversationId: 'c1', turn: { role: 'guest', text: 'a\u0000b', at: 1 }, answered: true, lang: 'en' },
      /^body\.turn\.text: .*U\+0000/,
    ],
    ['a summary', 'escalation.raise', { ...raise, summary: `room 1203${RLO}` }, /^body\.summary: /],
    [
      'a transcript turn',
      'escalation.raise',
      { ...raise, transcript: [{ role: 'guest', text: '\ud800', at: 1 }] },
      /^body\.transcript\.0\.text: .*lone surrogate/,
    ],
    ['a place', 'escalation.raise', { ...raise, place: `12${RLO}03` }, /^body\.place: /],
    ['a cancel reason', 'escalation.cancel', { escalationId: 'e1', reason: 'x\u001b[2J' }, /^body\.reason: /],
    [
      'a fault description',
      'ticket.create',
      { ticketId: 't1', category: 'plumbing', description: 'leak\uffff', lang: 'zh' },
      /^body\.description: .*noncharacter/,
    ],
    [
      'OCR text',
      'ticket.create',
      { ticketId: 't1', category: 'plumbing', description: 'leak', ocrText: 'E1\u0085', lang: 'zh' },
      /^body\.ocrText: /,
    ],
    [
      'a guest name',
      'checkin.complete',
      {
        requestId: 'r1',
        bookingId: 'b1',
        guest: { name: `Smith${RLO}`, document: 'passport', number: 'E1234567' },
      },
      /^body\.guest\.name: /,
    ],
    [
      'a surname',
      'booking.find',
      {
        requestId: 'r1',
        purpose: 'checkin',
        by: { method: 'reference', reference: 'YQ2026A1', surname: '王\u202e' },
      },
      /^body\.by\.surname: .*U\+202E/,
    ],
  ])('%s', (_name, type, body, reason) => {
    const d = decodeDeviceUp(envelope(type, body));
    expect(d.ok).toBe(false);
    if (d.ok) return;
    expect(d.code).toBe('INVALID_MESSAGE');
    expect(d.reason).toMatch(reason);
  });

  it('staff notes too', () => {
    const d = decodeStaffUp(envelope('escalation.resolve', { escalationId: 'e1', note: 'done\u2066' }, 's1'));
    expect(d.ok ? null : d.reason).toMatch(/^body\.note: .*U\+2066/);
    const u = decodeStaffUp(
      envelope('ticket.update', { ticketId: 't1', status: 'resolved', note: '\u0007' }, 's1'),
    );
    expect(u.ok ? null : u.reason).toMatch(/^body\.note: .*U\+0007/);
  });

  it('the same message without the character is accepted', () => {
    expect(decodeDeviceUp(envelope('chat.send', { escalationId: 'e1', text: 'hi\nthere' })).ok).toBe(true);
    expect(decodeStaffUp(envelope('escalation.resolve', { escalationId: 'e1' }, 's1')).ok).toBe(true);
  });
});

describe('hostile text in a knowledge base', () => {
  const kb = (): KnowledgeBaseInput => ({
    site: 'h',
    kind: 'hotel',
    name: { zh: '酒店', en: 'Hotel' },
    faq: [{ intent: 'wifi', answer: { zh: '密码见房卡', en: 'Line one\nline two' }, topic: 'wifi' }],
    floors: [{ id: '1F', name: { zh: '一楼', en: '1F' }, level: 1, svg: '<svg>\n\t<rect/>\n</svg>' }],
    places: [
      {
        id: 'lobby',
        name: { zh: '大堂', en: 'Lobby' },
        aliases: ['hall'],
        floor: '1F',
        x: 0,
        y: 0,
        kind: 'facility',
      },
    ],
    edges: [],
    faultCodes: [
      {
        code: 'E1',
        category: 'hvac',
        title: { zh: '空调', en: 'AC' },
        selfFix: { zh: ['重启'], en: ['Restart'] },
      },
    ],
    routing: [],
  });

  it('accepts a clean one, with line breaks in answers and maps', () => {
    expect(knowledgeBaseInputSchema.safeParse(kb()).success).toBe(true);
  });

  it.each<[string, (k: KnowledgeBaseInput) => void, string]>([
    ['a place name', (k) => void (k.places[0]!.name.en = 'Lob\u202eby'), 'places.0.name.en'],
    ['an alias', (k) => void (k.places[0]!.aliases = ['ha\nll']), 'places.0.aliases.0'],
    ['an answer', (k) => void (k.faq[0]!.answer.zh = '\u0000'), 'faq.0.answer.zh'],
    ['a topic', (k) => void (k.faq[0]!.topic = 'wi\u2067fi'), 'faq.0.topic'],
    ['a self-fix step', (k) => void (k.faultCodes[0]!.selfFix.en = ['\udfff']), 'faultCodes.0.selfFix.en.0'],
    ['a floor map', (k) => void (k.floors[0]!.svg = '<svg>\u0000</svg>'), 'floors.0.svg'],
  ])('refuses %s', (_name, spoil, path) => {
    const k = kb();
    spoil(k);
    const r = knowledgeBaseInputSchema.safeParse(k);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});
