import type { IntentId, Lang } from '@frontdesk/protocol';
import type { IntentModel, ScoredIntent } from './intent-model.js';

interface KeywordRule {
  intent: IntentId;
  /** Lower-case substrings in either language. */
  words: string[];
  topics?: Record<string, string[]>;
}

/**
 * A STAND-IN, not a model: substring matching on a handful of intents in Chinese and English, so the
 * kiosk works end to end before the trained classifier of `models/` replaces it. It knows nothing
 * about negation, typos or paraphrase.
 */
const RULES: KeywordRule[] = [
  {
    intent: 'emergency',
    words: [
      '救命',
      '着火',
      '火灾',
      '急救',
      '晕倒',
      '受伤',
      'emergency',
      'fire',
      'help me',
      'ambulance',
      'injured',
    ],
  },
  {
    intent: 'human_agent',
    words: [
      '人工',
      '工作人员',
      '真人',
      '客服',
      '服务员',
      'person',
      'human',
      'staff',
      'agent',
      'someone',
      'reception',
    ],
  },
  {
    intent: 'complaint',
    words: ['投诉', '太差', '不满意', 'complain', 'complaint', 'terrible', 'unacceptable'],
  },
  { intent: 'wifi', words: ['wifi', 'wi-fi', '无线', '网络', '上网', '密码', 'internet', 'password'] },
  {
    intent: 'parking',
    words: ['停车', '车位', '车库', '充电桩', 'park', 'car park', 'garage', 'charging'],
    topics: { ev_charging: ['充电', 'charging', 'ev '] },
  },
  { intent: 'hotel.breakfast', words: ['早餐', '早饭', '自助餐', 'breakfast', 'buffet'] },
  { intent: 'hotel.checkin', words: ['入住', '办理入住', 'check in', 'check-in', 'checkin'] },
  { intent: 'hotel.checkout', words: ['退房', 'check out', 'check-out', 'checkout'] },
  {
    intent: 'hotel.facilities',
    words: ['健身', '泳池', '游泳', '洗衣', '设施', 'gym', 'pool', 'swim', 'laundry', 'facilities'],
    topics: { pool: ['泳池', '游泳', 'pool', 'swim'], gym: ['健身', 'gym'], laundry: ['洗衣', 'laundry'] },
  },
  { intent: 'hotel.luggage', words: ['行李', '寄存', 'luggage', 'baggage'] },
  {
    intent: 'hotel.transport',
    words: ['机场', '班车', '出租车', '地铁', 'airport', 'shuttle', 'taxi', 'metro'],
    topics: { airport: ['机场', 'airport'] },
  },
  { intent: 'hospital.pharmacy', words: ['药房', '取药', '拿药', 'pharmacy', 'medicine'] },
  { intent: 'hospital.visiting_hours', words: ['探视', '探望', '探病', 'visiting', 'visit'] },
  { intent: 'hospital.registration', words: ['挂号', 'register', 'registration'] },
  { intent: 'wayfinding', words: ['在哪', '怎么走', '哪里', 'where', 'way to', 'how do i get'] },
  { intent: 'greeting', words: ['你好', '您好', 'hello', 'hi ', 'good morning'] },
  { intent: 'thanks_bye', words: ['谢谢', '再见', 'thank', 'bye'] },
];

/** How sure the stand-in claims to be: one matched word is a fair guess, two are confident. */
const CONFIDENCE_BY_HITS = [0, 0.7, 0.85, 0.95];

export class KeywordIntentModel implements IntentModel {
  readonly name = 'keyword-stand-in';

  async classify(text: string, _lang: Lang): Promise<ScoredIntent[]> {
    const normalised = ` ${text.toLowerCase().replace(/\s+/g, ' ')} `;
    const scored: ScoredIntent[] = [];
    for (const rule of RULES) {
      const hits = rule.words.filter((w) => normalised.includes(w)).length;
      if (hits === 0) continue;
      const topic = Object.entries(rule.topics ?? {}).find(([, words]) =>
        words.some((w) => normalised.includes(w)),
      )?.[0];
      scored.push({
        intent: rule.intent,
        confidence: CONFIDENCE_BY_HITS[Math.min(hits, CONFIDENCE_BY_HITS.length - 1)] ?? 0,
        ...(topic ? { topic } : {}),
      });
    }
    // "Where" on its own is a weak hint next to a concrete subject ("where can I park" is parking).
    const concrete = scored.filter((s) => s.intent !== 'wayfinding' && s.intent !== 'greeting');
    const ranked = concrete.length > 0 ? concrete : scored;
    return ranked.sort((a, b) => b.confidence - a.confidence);
  }
}
