/**
 * Slot extraction: pure functions over the utterance (no model). Each extractor works on the NFKC form,
 * so full-width input ("Ｅ４", "１２０３号房") reads like half-width.
 */
import { normalize } from '../text/featurize.js';

export interface Place {
  readonly id: string;
  /** Names and aliases, in any language ("lift", "elevator", "电梯", "直梯"). */
  readonly names: readonly string[];
}

export interface PlaceMatch {
  readonly id: string;
  /** The name or alias that matched. */
  readonly name: string;
  /** 1 for an exact match, less for a fuzzy one. */
  readonly score: number;
}

export interface Slots {
  place?: string;
  item?: string;
  room?: string;
  faultCode?: string;
}

function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Room numbers of 3–5 digits said as "room 1203", "rm 512", "1203房", "房间号是808", "我住1203". */
export function extractRoomNumber(text: string): string | null {
  const t = fold(text);
  const patterns = [
    /\b(?:room|rm)\.?\s*(?:number|no\.?|#)?\s*(\d{3,5})\b/,
    /(?:房间号?|房号|门牌号?)\s*(?:是|为)?\s*(\d{3,5})/,
    /(\d{3,5})\s*(?:号房间?|房间|号房|房)/,
    /(?:我住|住在)\s*(\d{3,5})/,
  ];
  for (const re of patterns) {
    const m = re.exec(t);
    if (m?.[1] !== undefined) return m[1];
  }
  return null;
}

const CODE = /(?<![a-z0-9])(err|er|[efhlpcu])\s?(-?)\s?(\d{1,4})(?![0-9])/g;
const CODE_CONTEXT =
  /故障|错误|代码|报错|显示|屏幕|闪|code|error|err|fault|display|showing|shows|flashing|says|warning/;

/**
 * Appliance fault codes: E4, F21, E-107, "故障码 E4", "Ｅ４". A letter other than E or F (H1, P3, L2...)
 * only counts with fault wording nearby, so "B1" (a car park level) or "C3" (a clinic) is not a code.
 */
export function extractFaultCode(text: string): string | null {
  const t = fold(text).replace(/[：:]/g, ' ');
  for (const m of t.matchAll(CODE)) {
    const letters = m[1] ?? '';
    const strong = letters === 'e' || letters === 'f' || letters === 'err' || letters === 'er';
    if (!strong && !CODE_CONTEXT.test(t)) continue;
    return `${letters.toUpperCase()}${m[2] ?? ''}${m[3] ?? ''}`;
  }
  return null;
}

/** Canonical item id → ways people ask for it. */
export const AMENITY_ITEMS: Readonly<Record<string, readonly string[]>> = {
  towel: [
    'towel',
    'towels',
    'bath towel',
    'face towel',
    'hand towel',
    'towl',
    '毛巾',
    '浴巾',
    '面巾',
    '手巾',
  ],
  toothbrush: ['toothbrush', 'tooth brush', 'dental kit', '牙刷', '牙具', '牙膏'],
  slippers: ['slipper', 'slippers', 'flip flops', '拖鞋'],
  pillow: ['pillow', 'pillows', 'pilow', '枕头', '枕套'],
  blanket: ['blanket', 'blankets', 'duvet', 'quilt', 'comforter', '被子', '毯子', '被褥', '棉被'],
  water: ['water', 'bottled water', 'mineral water', '矿泉水', '瓶装水', '水'],
  toiletries: [
    'shampoo',
    'conditioner',
    'soap',
    'body wash',
    'shower gel',
    'lotion',
    'toiletries',
    '洗发水',
    '沐浴露',
    '香皂',
    '肥皂',
    '洗漱用品',
    '护发素',
  ],
  toilet_paper: ['toilet paper', 'toilet roll', 'tissue', 'tissues', '卫生纸', '厕纸', '纸巾', '抽纸'],
  crib: ['crib', 'cot', 'baby bed', '婴儿床', '儿童床'],
  extra_bed: ['extra bed', 'rollaway', 'folding bed', '加床', '折叠床'],
  hanger: ['hanger', 'hangers', 'coat hanger', '衣架'],
  iron: ['iron', 'ironing board', '熨斗', '熨衣板'],
  charger: [
    'charger',
    'charging cable',
    'adapter',
    'adaptor',
    'plug converter',
    '充电器',
    '充电线',
    '转换插头',
    '转换头',
    '插座转换',
  ],
  hair_dryer: ['hair dryer', 'hairdryer', 'blow dryer', '吹风机', '电吹风'],
  razor: ['razor', 'shaver', 'shaving kit', '剃须刀', '刮胡刀'],
  comb: ['comb', 'hairbrush', '梳子'],
  cotton_swab: ['cotton swab', 'cotton buds', 'q tips', '棉签', '棉棒'],
  umbrella: ['umbrella', '雨伞', '伞'],
  tea_coffee: ['tea', 'coffee', 'tea bags', 'kettle', '茶包', '咖啡', '茶叶', '热水壶', '烧水壶'],
  cup: ['cup', 'cups', 'glass', 'mug', '杯子', '水杯'],
  sewing_kit: ['sewing kit', 'needle and thread', '针线包', '针线'],
};

/** The amenity item asked for, by its canonical id; the longest matching phrase wins ("bath towel" over "water"). */
export function extractAmenity(text: string): string | null {
  const t = ` ${normalize(text)} `;
  let best: { id: string; length: number } | null = null;
  for (const [id, phrases] of Object.entries(AMENITY_ITEMS)) {
    for (const phrase of phrases) {
      const isLatin = /^[a-z ]+$/.test(phrase);
      const hit = isLatin ? t.includes(` ${phrase} `) : t.includes(phrase);
      if (hit && (best === null || phrase.length > best.length)) best = { id, length: phrase.length };
    }
  }
  return best?.id ?? null;
}

function levenshtein(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const v = Math.min(
        (prev[j] ?? 0) + 1,
        (cur[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length] ?? max + 1;
}

/**
 * The place the utterance names, matched against the knowledge base's places and aliases: an exact
 * (normalised) occurrence first, longest name winning; then, for English, words within one edit
 * ("elevater", "toilts"); then, for Chinese, all characters but one in place (a homophone slip
 * in one character of a name of three or more).
 */
export function matchPlace(text: string, places: readonly Place[]): PlaceMatch | null {
  const t = normalize(text);
  const padded = ` ${t} `;
  let exact: PlaceMatch | null = null;
  for (const place of places) {
    for (const raw of place.names) {
      const name = normalize(raw);
      if (name.length === 0) continue;
      const latin = /^[a-z0-9 ]+$/.test(name);
      const hit = latin ? padded.includes(` ${name} `) || padded.includes(` ${name}s `) : t.includes(name);
      if (hit && (exact === null || name.length > exact.name.length))
        exact = { id: place.id, name: raw, score: 1 };
    }
  }
  if (exact !== null) return exact;

  let best: PlaceMatch | null = null;
  const words = t.split(' ').filter((w) => /^[a-z]+$/.test(w));
  for (const place of places) {
    for (const raw of place.names) {
      const name = normalize(raw);
      let score = 0;
      if (/^[a-z ]+$/.test(name)) {
        const nameWords = name.split(' ');
        const matched = nameWords.every(
          (nw) => words.includes(nw) || (nw.length >= 4 && words.some((w) => levenshtein(w, nw, 1) <= 1)),
        );
        if (matched) score = 0.8;
      } else {
        // Slide the name over the text: one wrong character (a recogniser's homophone) is tolerated in
        // names of three or more characters.
        const nameChars = [...name.replace(/\s+/g, '')];
        const textChars = [...t.replace(/\s+/g, '')];
        if (nameChars.length >= 3) {
          for (let start = 0; start + nameChars.length <= textChars.length; start += 1) {
            const same = nameChars.filter((c, i) => textChars[start + i] === c).length;
            if (same >= nameChars.length - 1) score = Math.max(score, 0.6 + (0.3 * same) / nameChars.length);
          }
        }
      }
      if (score > 0 && (best === null || score > best.score)) best = { id: place.id, name: raw, score };
    }
  }
  return best;
}

/** Every slot found; keys are present only when something was found. */
export function extractSlots(
  text: string,
  places: readonly Place[],
  options: { amenity?: boolean } = {},
): Slots {
  const slots: Slots = {};
  const place = matchPlace(text, places);
  if (place !== null) slots.place = place.id;
  if (options.amenity !== false) {
    const item = extractAmenity(text);
    if (item !== null) slots.item = item;
  }
  const room = extractRoomNumber(text);
  if (room !== null) slots.room = room;
  const code = extractFaultCode(text);
  if (code !== null) slots.faultCode = code;
  return slots;
}
