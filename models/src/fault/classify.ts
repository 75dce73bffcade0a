/**
 * Which fault category a guest's description belongs to, by bilingual keywords: the fallback when no
 * recognised fault code carries a category. Pure and explainable (the matched words come back), so
 * the kiosk can suggest a category and the guest corrects it with one tap.
 */
import { FAULT_CATEGORIES, type FaultCategory } from '@frontdesk/protocol';
import { normalize } from '../text/featurize.js';

export { FAULT_CATEGORIES, type FaultCategory };

/**
 * Keywords per category. Chinese terms match as substrings; English ones as whole words (a trailing
 * "s" allowed). Weights: 2 for words that name the category outright, 1 for symptoms.
 */
const KEYWORDS: Record<Exclude<FaultCategory, 'other'>, ReadonlyArray<readonly [string, number]>> = {
  plumbing: [
    ['漏水', 2],
    ['水龙头', 2],
    ['马桶', 2],
    ['下水道', 2],
    ['堵', 1],
    ['淋浴', 2],
    ['花洒', 2],
    ['水管', 2],
    ['没有热水', 2],
    ['没热水', 2],
    ['冲不下去', 2],
    ['地漏', 2],
    ['水压', 2],
    ['滴水', 1],
    ['leak', 2],
    ['leaking', 2],
    ['tap', 2],
    ['faucet', 2],
    ['toilet', 2],
    ['flush', 2],
    ['drain', 2],
    ['blocked', 1],
    ['clogged', 1],
    ['shower', 2],
    ['pipe', 2],
    ['hot water', 2],
    ['water pressure', 2],
    ['drip', 1],
    ['dripping', 1],
    ['sink', 2],
    ['plumbing', 2],
  ],
  electrical: [
    ['停电', 2],
    ['没电', 2],
    ['插座', 2],
    ['跳闸', 2],
    ['灯不亮', 2],
    ['灯坏', 2],
    ['灯泡', 2],
    ['电灯', 2],
    ['开关', 1],
    ['短路', 2],
    ['漏电', 2],
    ['充电', 1],
    ['灯', 1],
    ['power', 2],
    ['socket', 2],
    ['outlet', 2],
    ['plug', 1],
    ['fuse', 2],
    ['breaker', 2],
    ['light', 2],
    ['lights', 2],
    ['lamp', 2],
    ['bulb', 2],
    ['switch', 1],
    ['no electricity', 2],
    ['electric', 2],
    ['electrical', 2],
    ['spark', 2],
    ['sparks', 2],
  ],
  hvac: [
    ['空调', 2],
    ['暖气', 2],
    ['制冷', 2],
    ['制热', 2],
    ['太热', 1],
    ['太冷', 1],
    ['温度', 1],
    ['通风', 2],
    ['新风', 2],
    ['风口', 2],
    ['出风', 2],
    ['不冷', 1],
    ['不热', 1],
    ['air conditioning', 2],
    ['air conditioner', 2],
    ['aircon', 2],
    ['ac', 1],
    ['heating', 2],
    ['heater', 2],
    ['radiator', 2],
    ['too hot', 1],
    ['too cold', 1],
    ['temperature', 1],
    ['thermostat', 2],
    ['ventilation', 2],
    ['vent', 2],
    ['hvac', 2],
    ['cooling', 2],
  ],
  appliance: [
    ['电视', 2],
    ['冰箱', 2],
    ['水壶', 2],
    ['热水壶', 2],
    ['吹风机', 2],
    ['保险箱', 2],
    ['洗衣机', 2],
    ['烘干机', 2],
    ['微波炉', 2],
    ['咖啡机', 2],
    ['遥控器', 2],
    ['打印机', 2],
    ['自助机', 1],
    ['机器', 1],
    ['tv', 2],
    ['television', 2],
    ['fridge', 2],
    ['minibar', 2],
    ['kettle', 2],
    ['hair dryer', 2],
    ['hairdryer', 2],
    ['safe', 2],
    ['washing machine', 2],
    ['dryer', 2],
    ['microwave', 2],
    ['coffee machine', 2],
    ['remote', 2],
    ['printer', 2],
    ['machine', 1],
    ['error', 1],
    ['display', 1],
  ],
  network: [
    ['wifi', 2],
    ['无线', 2],
    ['网络', 2],
    ['上不了网', 2],
    ['连不上', 1],
    ['断网', 2],
    ['网速', 2],
    ['网线', 2],
    ['信号', 1],
    ['电话', 1],
    ['wi fi', 2],
    ['internet', 2],
    ['network', 2],
    ['connection', 1],
    ['cannot connect', 2],
    ['cant connect', 2],
    ['signal', 1],
    ['ethernet', 2],
    ['slow internet', 2],
    ['phone line', 1],
  ],
  furniture: [
    ['床', 1],
    ['椅子', 2],
    ['桌子', 2],
    ['柜子', 2],
    ['衣柜', 2],
    ['门锁', 2],
    ['抽屉', 2],
    ['窗帘', 2],
    ['沙发', 2],
    ['门坏', 2],
    ['窗户', 2],
    ['镜子', 2],
    ['床垫', 2],
    ['bed', 1],
    ['chair', 2],
    ['table', 2],
    ['desk', 2],
    ['wardrobe', 2],
    ['closet', 2],
    ['drawer', 2],
    ['curtain', 2],
    ['curtains', 2],
    ['sofa', 2],
    ['door', 1],
    ['lock', 1],
    ['window', 2],
    ['mirror', 2],
    ['mattress', 2],
    ['furniture', 2],
  ],
};

export interface FaultCategoryGuess {
  category: FaultCategory;
  /** 0–1: share of the matched weight that went to the winner; 0 for `other`. */
  confidence: number;
  /** The keywords that matched, for the winner. */
  matched: string[];
}

function hits(text: string, padded: string, keyword: string): boolean {
  if (/^[a-z ]+$/.test(keyword)) return padded.includes(` ${keyword} `) || padded.includes(` ${keyword}s `);
  return text.includes(keyword);
}

/** The most likely category of a description, `other` when no keyword matches. */
export function classifyFault(description: string): FaultCategoryGuess {
  const text = normalize(description);
  const padded = ` ${text} `;
  let best: FaultCategoryGuess = { category: 'other', confidence: 0, matched: [] };
  let bestScore = 0;
  let total = 0;
  // Categories are scanned in the protocol's order, so ties go to the earlier one, deterministically.
  for (const category of FAULT_CATEGORIES) {
    if (category === 'other') continue;
    const matched: string[] = [];
    let score = 0;
    for (const [keyword, weight] of KEYWORDS[category]) {
      if (hits(text, padded, keyword)) {
        matched.push(keyword);
        score += weight;
      }
    }
    total += score;
    if (score > bestScore) {
      bestScore = score;
      best = { category, confidence: 0, matched };
    }
  }
  if (bestScore === 0) return best;
  return { ...best, confidence: Math.round((bestScore / total) * 100) / 100 };
}
