import { describe, expect, it } from 'vitest';
import { findRedFlag, mentionsChild } from './red-flags.js';

describe('findRedFlag fires on danger now, in zh and en, with paraphrases', () => {
  it.each([
    ["my dad has chest pain and can't breathe", 'chest_pain_breathless'],
    ['crushing pressure in my chest and short of breath', 'chest_pain_breathless'],
    ['胸口疼 喘不上气', 'chest_pain_breathless'],
    ['胸闷气短 快不行了', 'chest_pain_breathless'],
    ['I think he is having a heart attack', 'cardiac_arrest'],
    ['her face is drooping and her speech is slurred', 'stroke'],
    ['my husband suddenly cant lift his arm and talks funny', 'stroke'],
    ['他嘴歪了 说话不清楚', 'stroke'],
    ['老人突然半边身子没力气', 'stroke'],
    ['我爸好像中风了', 'stroke'],
    ['he is bleeding heavily from his leg', 'heavy_bleeding'],
    ["the bleeding won't stop", 'heavy_bleeding'],
    ['手割破了 血止不住', 'heavy_bleeding'],
    ['流了好多血', 'heavy_bleeding'],
    ['my son swallowed a button battery', 'swallowed_battery'],
    ['孩子把纽扣电池吞下去了', 'swallowed_battery'],
    ['宝宝误吞了电池', 'swallowed_battery'],
    ['a man collapsed in the lobby', 'unconscious'],
    ['she is not responding', 'unconscious'],
    ['有人晕倒了', 'unconscious'],
    ['老人叫不醒', 'unconscious'],
    ['有人摔倒了', 'unconscious'],
    ["he can't breathe", 'cannot_breathe'],
    ['孩子被东西噎住了', 'cannot_breathe'],
    ['我喘不过气来', 'cannot_breathe'],
    ['my friend is having a seizure', 'seizure'],
    ['他在抽搐 口吐白沫', 'seizure'],
    ['her throat is closing up after eating peanuts', 'anaphylaxis'],
    ['过敏了 喉咙肿 喘不上', 'anaphylaxis'],
    ['my child drank bleach', 'poisoning'],
    ['老人喝了农药', 'poisoning'],
    ['there is a fire on the 5th floor', 'fire'],
    ['smoke is coming out of the room next door', 'fire'],
    ['房间着火了', 'fire'],
    ['走廊里好多浓烟', 'fire'],
    ['someone has a knife in the lobby', 'violence'],
    ['有人打架 都见血了', 'violence'],
    ['有人拿刀', 'violence'],
    ['i want to kill myself', 'self_harm'],
    ['有人要跳楼', 'self_harm'],
    ['a child is drowning in the pool', 'drowning'],
    ['快叫救护车', 'call_ambulance'],
    ['call an ambulance', 'call_ambulance'],
    ['救命啊', 'call_ambulance'],
    // Bleeding told by how much rather than with "heavy"; blood with the dizziness of blood loss.
    ['the cut on his arm is bleeding like mad', 'heavy_bleeding'],
    ['she is coughing up nothing but blood', 'heavy_bleeding'],
    ['大便里都是血 站起来眼前发黑', 'heavy_bleeding'],
    ['吐了一大口血', 'heavy_bleeding'],
    ['流血了 头晕得站不住', 'heavy_bleeding'],
    // Something poisonous eaten, then sick or confused.
    ['we picked wild mushrooms and now my wife keeps throwing up and seems confused', 'poisoning'],
    ['吃了野生菌 又吐又拉 还看见小人', 'poisoning'],
    ['昨晚吃了河豚 现在嘴巴发麻', 'poisoning'],
    // Confusion getting worse.
    ['我奶奶越来越糊涂了 叫她也不答应', 'unconscious'],
    ['my grandfather is getting confused and cant stay awake', 'unconscious'],
    // A fire behind a door.
    ['the door handle is burning hot and there is smoke in the corridor', 'fire'],
    ['门缝里在冒烟', 'fire'],
    ['楼道里焦味很浓', 'fire'],
    // A bare cry for help, misspelt or not.
    ['halp', 'urgent_help'],
    ['help', 'urgent_help'],
    ['please help me now', 'urgent_help'],
    ['help help', 'call_ambulance'],
  ])('%s → %s', (text, kind) => {
    expect(findRedFlag(text)?.kind).toBe(kind);
  });
});

describe('findRedFlag stays quiet on ordinary requests and non-urgent symptoms', () => {
  it.each([
    'where is the fire exit',
    'fire extinguisher location',
    'is there a smoking room',
    '食物中毒了吧 吐了好几次',
    'food poisoning i think',
    '嗓子肿了 挂什么科',
    'out of breath on stairs but no chest pain',
    '胃酸多 胸口疼 不喘',
    'i had a stroke years ago routine follow up',
    '脑梗后遗症 开药',
    'burning when i pee',
    'throbbing headache',
    'shooting pain down my leg',
    'cut my hand with a knife do i need stitches',
    'the remote control is not responding',
    '遥控器按了没有反应',
    '热水器打不着火',
    'wifi抽风了',
    'can someone help me with check in',
    '我要人工服务',
    'daylight robbery these prices',
    'where is the emergency department',
    'heat stroke dizzy and weak',
    'help me with my luggage please',
    'hellp',
    '烟雾报警器一直在响 没着火',
    '房间里有烟味 是不是有人抽烟',
    '刷牙的时候牙龈出血',
    'mushroom soup on the menu',
    '蘑菇过敏能吃早餐吗',
    'where can i get help with my bill',
    '他有点糊涂 忘了房间号在哪',
  ])('%s', (text) => {
    expect(findRedFlag(text)).toBeNull();
  });
});

describe('mentionsChild', () => {
  it.each([
    ['孩子发烧 挂什么科', true],
    ['宝宝拉肚子', true],
    ['my toddler has a rash', true],
    ['my 5 year old has an earache', true],
    ['我儿子3岁 咳嗽', true],
    ['八个月大的宝宝 发烧', true],
    ['孩子16岁了 膝盖疼', false],
    ['my 30 year old son has a toothache', false],
    ['怀孕了 宝宝胎动少', false],
    ['had epilepsy as a kid think it might be back', false],
    ['我妈咳了一个月了', false],
    ['stage 3 hypertension', false],
    ['my knee hurts', false],
  ] as const)('%s → %s', (text, expected) => {
    expect(mentionsChild(text)).toBe(expected);
  });
});
