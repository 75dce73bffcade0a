/**
 * The deterministic safety net under the model: red flags (danger now) in Chinese and English, and the
 * "is this about a child" rule for triage. Patterns run on featurize's `normalize` output (lower-case,
 * punctuation as spaces, full-width folded). A false alarm costs a member of staff a minute; a missed
 * one can cost a life, so these lean towards firing.
 */
import { normalize } from '../text/featurize.js';

export type RedFlagKind =
  | 'chest_pain_breathless'
  | 'cardiac_arrest'
  | 'stroke'
  | 'heavy_bleeding'
  | 'swallowed_battery'
  | 'unconscious'
  | 'cannot_breathe'
  | 'seizure'
  | 'anaphylaxis'
  | 'poisoning'
  | 'fire'
  | 'violence'
  | 'self_harm'
  | 'drowning'
  | 'call_ambulance'
  | 'severe_injury'
  | 'labour'
  | 'missing_person'
  | 'security_threat'
  | 'disaster'
  | 'urgent_help';

interface Rule {
  readonly kind: RedFlagKind;
  /** Any one of these fires the rule... */
  readonly any: readonly RegExp[];
  /** ...and, when present, one of these must match too... */
  readonly with?: readonly RegExp[];
  /** ...and none of these may match. */
  readonly unless?: readonly RegExp[];
}

const CHEST_EN = /\bchest\b|\bheart (pain|hurts?)\b/;
const CHEST_ZH = /胸痛|胸口|胸闷|胸部|心口|胸前|胸疼/;
const BREATH_EN = /(?<!deep )breath|breathe|breathing|\bair\b|suffocat|gasp/;
const BREATH_ZH = /喘|(?<!深)呼吸(?!科|内科)|气短|上不来气|透不过气|憋|窒息|气不够|气急|出不来气|没气/;

const RULES: readonly Rule[] = [
  { kind: 'chest_pain_breathless', any: [CHEST_EN], with: [BREATH_EN] },
  { kind: 'chest_pain_breathless', any: [CHEST_ZH], with: [BREATH_ZH] },
  // Chest pain that spreads, crushes or tears, or comes with sweating: a heart attack without breathlessness.
  {
    kind: 'chest_pain_breathless',
    any: [
      /crushing chest|tearing chest|ripping chest|chest (is )?crushing|chest (pain|pressure|hurts?|tightness).{0,50}(left arm|arm (is |went )?(numb|tingl)|arm hurts|jaw|sweat|vomit|dying|back|unbearable|wont ease)|(dying|unbearable).{0,20}(my )?chest|heart pain unbearable|angina.{0,30}(not working|short of breath)/,
    ],
  },
  {
    kind: 'chest_pain_breathless',
    any: [CHEST_ZH],
    with: [
      /左胳膊|左边胳膊|左手|胳膊.{0,2}(麻|疼)|下巴|冷汗|撕裂|剧痛|剧烈|厉害|要晕|晕了|脸色(很差|发白)|脸都白|快不行|要死|受不了|压着疼/,
    ],
  },
  {
    kind: 'cardiac_arrest',
    any: [
      /heart attack|cardiac arrest|no pulse|\bcpr\b|\baed\b|defibrillat/,
      /心梗|心肌梗|心脏病发|心脏病犯|心脏骤停|心跳停|没心跳|没有心跳|心肺复苏|除颤/,
    ],
  },
  {
    kind: 'stroke',
    any: [
      /face (is |has |went |looks )?(droop|drooping|dropping|numb|crooked|lopsided|twisted|sagging|uneven)|(droop|drooping|crooked) (face|mouth|smile)|mouth (is )?(droop|drooping|crooked|twisted)/,
      /slurr|speech (is )?(slurred|garbled|weird)|(suddenly|sudden) (cant|cannot|can not) (speak|talk)|talking funny|words (are )?(jumbled|coming out wrong)/,
      /one side (of (his|her|my|the|their) (body|face) )?(is |went |goes |feels |suddenly )?(weak|numb|limp|paraly|dead|heavy)|(left|right) side (of (his|her|my) body )?(is |went )?(suddenly )?(weak|numb|limp|paraly)|(arm|leg) (suddenly )?(went|gone) (limp|dead)|suddenly.{0,20}(cant (lift|raise|move)|weak|numb|paraly)/,
      /嘴歪|口眼歪|口角歪|嘴角歪|脸.{0,2}歪|歪嘴|面部歪|脸.{0,3}塌|嘴.{0,2}斜/,
      /说话.{0,4}(不清|含糊|含混|大舌头|说不出|不利索|不清楚)|口齿不清|吐字不清|突然.{0,6}说不出话|突然.{0,3}不会说话|舌头.{0,2}(发硬|不听使唤)/,
      /(半边|一边|一侧|半侧|左边|右边|左侧|右侧).{0,6}(麻|没力|无力|不能动|动不了|没知觉|不听使唤|抬不起)|半身不遂|偏瘫/,
    ],
  },
  {
    kind: 'stroke',
    any: [
      /(?<!heat |sun )\bstroke\b(?! (unit|ward|clinic|department|centre|center))/,
      /中风|脑梗|脑卒中|卒中|脑出血|脑溢血/,
    ],
    // A stroke in the past (follow-up, prescriptions) is a neurology visit, not an emergency.
    unless: [
      /ago|last (year|month|week)|after ?effects|follow ?up|prescription|refill|rehab|recover|history|checkup|check up|visit|后遗症|以后|之后|复查|开药|康复|以前|去年|前年|病史|那年|探视|探望/,
    ],
  },
  {
    kind: 'stroke',
    any: [
      /(worst|thunderclap|explosive|sudden\w* (severe|bad|terrible)) headache|headache.{0,30}(out of nowhere|came on suddenly)|sudden\w*.{0,30}(weakness|numb|loss of vision|cant see|unsteady|one hand|one side)|whole one side|one side no feeling|cant speak clearly|cant get (my|his|her) words out|(half|side of) (her|his|my) face (just )?(dropped|droop)/,
      /疼得要炸|头.{0,3}剧痛|剧烈头(痛|疼)|这辈子最疼|被雷劈|(一边|半边|一侧|左手左脚|右手右脚).{0,4}没劲|突然.{0,4}(站不稳|看不见|说话结巴|一边)/,
    ],
  },
  {
    kind: 'heavy_bleeding',
    any: [
      /(bleed|bleeding|blood).{0,40}(heavy|heavily|a lot|lots|wont stop|won t stop|not stopping|doesnt stop|cant stop|everywhere|gushing|pouring|spurting|so much|massive|wont clot|through the)|(heavy|heavily|severe|badly|profuse|profusely|lot of|lots of|so much|massive|uncontrolled|gushing|pouring|spurting) (bleeding|blood|bleed)|hemorrhag|haemorrhag|bleeding out|blood (is )?everywhere|vomit\w* blood|cough\w* up (a lot of )?blood|throwing up blood/,
      /大出血|血流不止|血止不住|止不住血|止不住的血|流了?(很多|好多|一大堆|一地|大量)的?血|出血不止|喷血|大量出血|出(了)?(很多|好多)血|血一直(流|在流|冒)|一直(在)?(流血|出血)|流血不止|血崩|吐血|呕血|血流如注|血.{0,4}止不住|满地(是|都是)?血|血.{0,3}喷/,
    ],
  },
  {
    kind: 'swallowed_battery',
    any: [
      /swallow\w*.{0,30}(batter|magnet)|(batter|magnet).{0,30}swallow|ate (a |an |the |some )?(button |coin |lithium |watch )?(batter|magnet)/,
      /(吞|吃|咽|误食|误吞).{0,8}(电池|磁铁|磁珠|吸铁石)|(电池|磁铁|磁珠|吸铁石).{0,6}(吞|吃|咽)(了|下|进)/,
    ],
  },
  {
    kind: 'unconscious',
    any: [
      /unconscious|passed out|pass out|passing out|fainted|fainting|blacked out|knocked out|unresponsive|(he|she|hes|shes|they|theyre|him|her|someone|somebody|person|man|woman|baby|child|kid|patient|dad|mum|mom|father|mother|grandpa|grandma|husband|wife|son|daughter)( is| are| isnt)? (not|no longer) (responding|waking|moving|conscious)|not breathing|stopped breathing|(wont|cant|cannot) wake (him|her|them) up|unresponsive|(someone|somebody|he|she|man|woman|lady|guy|person|patient|dad|mum|mom|father|mother|husband|wife|grandpa|grandma|old man|old lady|child|kid|boy|girl|friend|guest|people) (just |has |have |had )?(collapsed|collapse|collapsing)|collapsed (in|on|at|and)|keeled over|\bfell\b.{0,20}(not moving|cant get up|wont get up|hit (his|her|their) head)|(someone|somebody) (just )?(has )?(fell|fallen)/,
      /昏迷|不省人事|叫不醒|喊不醒|没意识|没有意识|失去意识|意识不清|意识模糊|晕倒|昏倒|晕过去|昏过去|晕厥|倒地|倒在地上|倒下了|摔倒.{0,6}(不动|没反应|起不来|醒不过来)|没有?反应了|(倒|晕).{0,6}没有?反应|没呼吸|没有呼吸|没气了|休克|有人(摔倒|晕倒|倒下|昏倒|晕了)|突然倒下/,
    ],
  },
  {
    kind: 'anaphylaxis',
    any: [
      /anaphyla|epipen|epi pen|severe allergic|allergic reaction.{0,30}(breath|throat|swell|tongue)|(throat|tongue|airway) (is |are )?(closing|closing up)|(tongue|lips?|face|throat) (is |are )?(swelling|swollen).{0,30}(breath|allerg)/,
      /过敏性休克|严重过敏|过敏.{0,6}(喘不上|呼吸困难|透不过气|(喉咙|嗓子|舌头|嘴唇|喉头).{0,2}肿)|(喉咙|嗓子|喉头|舌头).{0,3}肿.{0,6}(喘|呼吸|透不过气|过敏)/,
    ],
  },
  {
    kind: 'cannot_breathe',
    any: [
      /(cant|cannot|can not|couldnt|not able to|unable to|struggling to|trouble|difficulty|difficult to|barely) (breath|breathe|breathing|get air|catch (his|her|my|their) breath)|not getting (enough )?air|choking|choked|chokes|suffocat|turning blue|(lips|face) (are |is |went |going )?(turning )?blue/,
      /喘不(上|过|动)|喘不上来|无法呼吸|不能呼吸|呼吸不了|呼吸困难|呼吸急促|上不来气|透不过气|憋死|窒息|噎住|(卡住了?喉咙|卡喉|卡在喉咙).{0,6}(说不出|喘|呼吸|脸)|嘴唇发紫|脸色发紫|嘴唇发青|脸发紫|脸发青|喘不了气|吸不进气|没法呼吸/,
    ],
  },
  {
    kind: 'seizure',
    any: [
      /seizure|seizing|convuls|having a fit|\bfitting\b|epileptic fit|foaming at the mouth/,
      /抽搐|癫痫发作|羊癫疯|羊角风|口吐白沫|浑身抽/,
    ],
  },
  {
    kind: 'poisoning',
    any: [
      /(?<!food )poison|overdose|\bod\b|swallowed (bleach|pills|detergent|chemicals?|pesticide|cleaning|medicine|a bottle)|drank (bleach|pesticide|poison|antifreeze|detergent|cleaning)|took (a whole|too many|all (of )?(the|her|his|my)) (bottle|pills|tablets)|carbon monoxide|gas leak/,
      /(?<!食物)中毒|农药|老鼠药|百草枯|敌敌畏|误服|服毒|吃了一?整瓶|吃了.{0,4}(很多|一把|一堆).{0,2}(药|安眠药)|吞了.{0,4}(药片|安眠药|一瓶)|喝了.{0,4}(消毒液|洗洁精|漂白|84)|煤气泄漏|燃气泄漏|一氧化碳/,
    ],
  },
  {
    kind: 'fire',
    any: [
      /(?<!on )\bfire\b(?! (exit|escape|extinguisher|door|drill|stair|stairs|stairway|assembly|safety|hydrant|hose|alarm test|station|place|pit|wood|fighter))|(?<!(throat|stomach|mouth|skin|eyes|chest|feet|foot|face|back|legs?|hands?) )on fire|something (is )?burning|burning smell|\bflames?\b|(smoke|smoking) (is )?(coming|pouring|everywhere|filling|from|in the (room|hall|corridor|lobby|kitchen))|(lot of|lots of|full of|thick|black|heavy|so much) smoke|smell\w* (of )?(burning|gas)|\bexplosion|exploded/,
      /着火|失火|起火|火灾|冒烟|烟很大|浓烟|(房间|屋|楼|车|厨房|东西|什么|衣服|头发).{0,3}烧起来|火警|火苗|大火|烧着了|爆炸|烟雾弥漫|燃气味|煤气味/,
    ],
    unless: [/insurance|保险/],
  },
  {
    kind: 'violence',
    any: [
      /stabb|active shooter|shooting (at|people|someone|in the)|someone (is )?shooting|been shot|gunshot|shot (him|her|someone|at)|gunman|\bguns?\b|(has|holding|waving|pulled|pulling) a (knife|gun)|attack(ing|ed)? (me|him|her|someone|people|us|a |the )|being attacked|assault|(beating|hitting|punching|kicking|strangling|choking) (him|her|me|someone|a |the |his|people)|\bfight(ing)? (in|at|outside|broke|going on)|(people|men|guys|they) (are )?fighting|threaten\w* (me|us|staff|people|with)|armed robbery|(being|been|getting) robbed|\brobbing|kidnap/,
      /打架|打人(?!工)|砍人|捅人|持刀|拿刀|拿着刀|带刀|动刀|有人.{0,4}(打|砍|捅|刺)|被.{0,3}(打|砍|捅|刺)(伤|了)|拿着?枪|持枪|开枪|带枪|抢劫|杀人|动手打|闹事.{0,4}(打|伤)|家暴|行凶|斗殴|劫持|绑架/,
    ],
  },
  {
    kind: 'self_harm',
    any: [
      /suicid|kill (my|him|her|them)sel(f|ves)|end (my|his|her) life|want to die|jump(ing)? off/,
      /自杀|轻生|跳楼|割腕|不想活|寻死/,
    ],
  },
  {
    kind: 'call_ambulance',
    any: [
      /call (an |the )?ambulance|get (an |the )?ambulance|need an ambulance|call 120|call 911|call 999|call a doctor (now|right now|quick|immediately)|help help/,
      /救护车|打120|叫120|打一二零|救命|快叫医生|快来人|快救人|急救车/,
    ],
    unless: [
      /insurance|covered|\bfee\b|fees|payment|\bpay\b|\bbill|minor|otherwise fine|保险|费用|报销|轻的|没事|缴费|交费|在哪交/,
    ],
  },
  {
    kind: 'drowning',
    any: [/drown|fell (in|into) the (pool|water|river)/, /溺水|淹水|掉(进|到)?(水里|泳池|河里)|落水|淹着了/],
  },
  {
    kind: 'severe_injury',
    any: [
      /electrocut|electric shock(?! pain)|car (accident|crash)|hit by a (car|bus|truck)|fell from a height|fell (out of|from) (a |the )?(window|balcony|roof)|fell down the stairs.{0,30}(not moving|isnt moving|wont wake|unconscious)|severe burns?|major burns?|burn(ed|t)? badly|badly burn|skin peeling off|scald\w*.{0,40}(whole|all over|badly|huge|big|blister)|bone (is )?(sticking|showing)|cut (my|his|her|their) \w+ off|finger (cut|chopped) off|cut an artery|(pressed|bandage|minutes).{0,30}still bleeding|soaked through|snake ?bite|bitten by a snake|acid (thrown|attack|splash)|thrown acid|chemical.{0,20}(eyes?|splash)|hit (his|her|my) head.{0,40}(vomit|drowsy|wont wake|sleepy)|cant feel (my|his|her) (arms|legs)|pinned under|crushed under|trapped under|(is |are |am |im |were )?trapped\b|stuck in (the |a )?(lift|elevator)|(lift|elevator) stuck with|isnt breathing|stopped breathing|heart stopped|not waking|wont wake up|cant wake (him|her|them|up)|(is |s )dying\b|\bim dying|going blue|turning blue|is blue|floppy|stuck in his throat|stuck in her throat|(cant|cannot) (finish a sentence|get any air)|asthma attack|inhaler (is )?not working|breathing (fast|slow|shallow)/,
      /触电|车祸|被车撞|车撞了|(人|孩子|小孩|宝宝|老人|他|她|有人).{0,6}(掉|摔)下(床|去|来|楼)|从.{0,6}(掉下|摔下)|(烫|烧)伤.{0,8}(严重|大面积|一大片|大泡|皮都掉)|大面积.{0,3}(烫|烧)伤|(烫|烧)得很严重|一大片.{0,3}(烫|烧)伤|骨头.{0,4}(露|戳)|(切|夹|砍)断|动脉|按不住|血哗哗|还在流血|被困|困在|困人|卡住了?.{0,4}(有人|里面)|被压|压在.{0,4}下|被砸|砸到人|(楼|房子|墙)塌了|蛇咬|(蜂|蜜蜂)蛰.{0,6}肿|(泼|溅)到.{0,4}(身上|眼睛|脸)|手脚没(劲|感觉)|不喘气|不呼吸|不会哭|(全身|浑身|脸|嘴唇|人)(都)?(发紫|发青|紫了)|脸色发青|迷迷糊糊|人迷糊|(快|要)不行了|快死了|要死了|感觉要死|出人命|哮喘.{0,4}发作|喷了药.{0,4}不管用|呼吸很(急|弱|浅)|喘得说不出|在地上抽|(在|还在)抽(?!烟|血|签|奖)|抽.{0,4}停不下来|在抽筋/,
    ],
    unless: [
      /insurance|covered|\bfee\b|fees|payment|\bpay\b|\bbill|minor|otherwise fine|保险|费用|报销|轻的|没事|缴费|交费|在哪交/,
    ],
  },
  {
    kind: 'labour',
    any: [
      /in labou?r|waters? (broke|broken)|baby is coming|miscarr\w*.{0,20}(bleed|pain)|(bleed|pain).{0,20}miscarr|pregnant.{0,30}bleed|bleed\w*.{0,30}pregnant/,
      /羊水破|要生了|孕妇.{0,8}(出血|流血|剧痛)|流产.{0,6}出血/,
    ],
  },
  {
    kind: 'poisoning',
    any: [
      /took (way )?too many|handful of (sleeping )?pills|sleeping pills on purpose|swallowed (weed killer|a razor|petrol|glass)|drank (petrol|gasoline|alcohol|laundry|bootleg|weed killer)|ate (wild mushrooms|.{0,20}pills|silica|adult medicine)|ate grandmas|wild mushrooms|(drank|swallowed|ate|drink) .{0,10}detergent|swallowed a razor blade/,
      /吃错药|(吃|吞)了.{0,6}安眠药|安眠药.{0,6}(吃了|吞了)|(喝|吞|吃)了?.{0,4}(洗衣液|消毒水|干燥剂|汽油)|误喝|吞.{0,2}刀片|降压药.{0,4}(好多|很多)|吃了一板|一板.{0,2}药|野蘑菇|甲醇|吃了很多药|药吃了一板/,
    ],
  },
  {
    kind: 'missing_person',
    any: [
      /(child|kid|son|daughter|baby|toddler|year old|grandpa|grandma|father|mother|dad|mum|mom) (is |has )?(missing|gone|wandered off|disappeared)|lost child|missing (child|kid)|cant find my (son|daughter|child|kid|baby|little)|took (my|a) (child|kid|baby)|wandered off/,
      /(孩子|儿子|女儿|小孩|宝宝|老人|老公|老婆|妈|爸|闺女|娃).{0,2}(不见了|走丢|走失|找不到了)|走丢|走失|抱走/,
    ],
  },
  {
    kind: 'security_threat',
    any: [
      /(broke|breaking|break) (in|into|down)|stranger (is )?in my room|man in my room|kicking (my|the) door|following me|threaten|going to kill|kill (me|people|us)|punched|attacking|\barmed\b|shots fired|smashing things|hurting people|grabbed my bag|jump (from|off)|roof edge|cut (his|her|my) wrists|domestic violence|sexual(ly)? (assault|harass)|harassing me|bomb|suspicious package|call (the )?police|police now|get the police|call security|security now|\bpolice\b$/,
      /持械|闹事|跟踪|闯进|撬.{0,2}门|踹门|陌生(人|男人)|威胁|要打我|在打我|耍流氓|性骚扰|炸弹|可疑包裹|报警(?!器)|抢(我|了).{0,2}包|站在楼顶|楼顶边/,
    ],
  },
  {
    kind: 'disaster',
    any: [
      /earthquake|building is shaking|flood(ing)? in|sparks|gas leak/,
      /地震|楼在晃|冒火花|有火|火好大|救火|(都|全)是烟|好多烟|烟太大|烧焦|煤气泄漏|油锅着/,
    ],
  },
  // More paraphrases and common misspellings, gathered from the training sentences.
  {
    kind: 'unconscious',
    any: [
      /(he|she|they|him|her|someone|somebody|person|man|woman|lady|baby|child|kid|patient|dad|mum|mom|father|mother|grandpa|grandma|husband|wife|son|daughter|friend) isnt (moving|breathing|responding|waking)|fell.{0,20}isnt moving|(floor|ground) not moving|not moving on the (floor|ground)|^not responding$|patient (is )?not responding|(is|are) collapsing|^collapsed$|diabetic collapsed|then collapsed|colapsed|(just )?dropped in the (lobby|hall|corridor)|person just dropped|sombody fell|(baby|child|kid|toddler|son|daughter) fell.{0,30}(isnt crying|not crying|wont wake|not moving|isnt moving)|fell .{0,30}head is bleeding/,
      /有人.{0,3}collaps|(有人|人)不行了|(好几个人|有人|人)都?倒了|然后晕了|晕过去了|没有?脉搏|心跳骤停/,
    ],
  },
  {
    kind: 'cannot_breathe',
    any: [
      /gasping for (air|breath)|cant breth|\bbreth\b.{0,10}(cant|not)|(呼吸|喘气).{0,6}吃力|肚子凹进去|呼噜声.{0,4}(过敏|肿)|(过敏|肿).{0,8}呼噜声|(被东西|东西)卡住|卡住.{0,4}说不出话/,
    ],
  },
  {
    kind: 'stroke',
    any: [/cant move one side|one side of (his|her|my) body/, /头(疼|痛)得像被雷劈|突然.{0,6}头(疼|痛)/],
  },
  {
    kind: 'heavy_bleeding',
    any: [
      /(wont|doesnt|cant|not|won t) stop bleeding|bleeding badly|head is bleeding|(theyre|hes|shes|someone is|somebody is|person is) bleeding/,
      /(便|拉).{0,3}(好多|很多)血|便血很多|眼睛被(扎|戳|刺)/,
    ],
  },
  {
    kind: 'severe_injury',
    any: [
      /boiling water.{0,30}(child|baby|kid|screaming|all over)|burn\w* .{0,20}badly|burned (face|hands|body)|(head|finger|hand|arm|leg) (is )?stuck in|cant feel (my |his |her )?(arms|legs)|gone pale|turned pale|heart at+ack|\bfier\b/,
      /头卡在|卡在栏杆|烫了一大片|(开水|热水).{0,6}(一大片|一身)|(烫|烧)伤.{0,12}(大泡|整条|一大片)|人发白/,
    ],
  },
  {
    kind: 'anaphylaxis',
    any: [
      /(throat|tongue|face)( and \w+)? (is |are )?swelling|swelling shut|throat (is )?tight|hives everywhere|wheezing badly/,
      /喉咙肿了.{0,6}(说不出|喘|呼吸|脸)|(吃了|吃完).{0,8}喉咙肿|脸肿了.{0,6}呼吸|吃了药.{0,4}喉咙肿/,
    ],
  },
  {
    kind: 'swallowed_battery',
    any: [/(吞|吃|咽).{0,8}batter|swallow\w* .{0,5}电池/],
  },
  {
    kind: 'poisoning',
    any: [/(baby|child|kid|toddler|son|daughter) (ate|swallowed|took|drank) .{0,20}(medicine|pills|tablets)/],
  },
  {
    kind: 'security_threat',
    any: [
      /^fight$|^fighting$|(man|someone|guy|person|somebody|people) with a (knife|gun|weapon)|^robbery$|robbery (in progress|happening|now)|about to jump|dont want to live/,
      /孩子丢了|小孩丢了/,
    ],
  },
  {
    kind: 'chest_pain_breathless',
    any: [/chest.{0,30}(get|need|call) (a|the) doctor/],
  },
  // Bleeding described by how much or how hard rather than with "heavy": intensifiers, blood in or
  // from the body's openings, blood with the dizziness of blood loss.
  {
    kind: 'heavy_bleeding',
    any: [
      /(bleed\w*|blood\w*) (like (crazy|mad|hell|a tap|a fountain)|really (bad|badly)|non ?stop|buckets|all over|through (the|my|his|her)|so bad)|(pools?|puddle) of blood|(full of|covered in|soaked (in|with)) blood|(pooping|peeing|pissing|passing|vomiting|coughing|spitting|throwing) (up |out )?(a lot of |so much |nothing but )?(blood|bright red)|(blood|bleed\w*).{0,30}(dizzy|faint|light ?headed|going to pass out|pale and)/,
      /(全是|都是|一片|一滩|一摊|满是|好多|很多|一大口|大口)血|(拉|便|尿|吐|咳|呕)(出来)?的?(全|都)是血|血.{0,3}(一直|不停|哗哗|汩汩|往外)(地)?(流|冒|涌|淌)|(出血|流血|便血|吐血|尿血|咳血|见血).{0,8}(头晕|眼花|发晕|要晕|眼前发黑|站不住|脸色发白)/,
    ],
  },
  // Eating something poisonous (wild mushrooms, berries) followed by being sick or confused.
  {
    kind: 'poisoning',
    any: [
      /(mushroom|toadstool|berries|wild plant|puffer ?fish|fugu).{0,50}(vomit|throw\w* up|puk|diarrh|confus|dizzy|hallucinat|drows|not making sense|shaking|seeing things)|(vomit|throw\w* up|diarrh|confus|hallucinat).{0,40}(mushroom|toadstool|berries|puffer ?fish)/,
      /(蘑菇|菌子|野生菌|毒菌|毒蘑菇|河豚|野果|野菜).{0,12}(吐|泻|拉肚子|拉稀|迷糊|晕|幻觉|看见小人|抽|发麻|糊涂|神志)|(上吐下泻|又吐又拉).{0,10}(迷糊|糊涂|神志|意识|叫不应|晕过去|站不稳)/,
    ],
  },
  // Confusion or drowsiness that is getting worse: altered consciousness is a red flag on its own.
  {
    kind: 'unconscious',
    any: [
      /(人|他|她|老人|孩子|病人|奶奶|爷爷|外婆|外公|姥姥|姥爷|爸|妈|老公|老婆).{0,3}(有点|有些|越来越|突然|开始)?(迷糊|犯迷糊|意识模糊)|(越来越|突然)(糊涂|迷糊)|神志不清|神智不清|叫.{0,3}不(应|答应)|认不出人|(getting|increasingly|very|really) (confused|drowsy|disoriented)|(not making sense|cant stay awake|keeps drifting off)/,
    ],
    unless: [/\bwhere\b|在哪|怎么走|几楼/],
  },
  // Signs of a fire behind a door, or smoke that is more than a smell of cigarettes. (An alarm alone
  // is a fault report until someone sees smoke.)
  {
    kind: 'fire',
    any: [
      /(door|door ?handle|doorknob|door knob|wall) (is |feels |was )?(really |very |too )?(hot|burning hot|warm to the touch)|smoke (is )?(coming )?(under|through|from under) the door|(smell|smells|smelling) (of |like )?smoke.{0,30}(hot|door|getting (worse|stronger)|everywhere|alarm)/,
      /(门把手|门把|把手|门|墙|墙壁).{0,3}(很烫|好烫|发烫|烫手|烫得|很热|好热)|(烟味|焦味|糊味|烧焦味).{0,3}(好大|很大|很浓|好浓|越来越|呛)|(好大|很大|很浓|好浓)的?(烟味|焦味|糊味)|门缝.{0,4}(冒烟|进烟|有烟)/,
    ],
  },
  // A bare cry for help, including the common misspellings of it, is treated as help needed now.
  {
    kind: 'urgent_help',
    any: [
      /^(please |pls |plz |somebody |someone )?(help|hlep|hepl|halp|heelp|helpp+|heplp)( me| us)?( please| pls| plz| now| quick| quickly)?( help| hlep| halp)*$/,
    ],
  },
  {
    kind: 'urgent_help',
    any: [
      /\bemergenc(y|ies)\b(?! (department|room|entrance|exit|pharmacy|clinic|ward|contact|number|cashier|stairs?|lighting|exit|services|dentist|dental|eye))|emergancy|emergeny|ambulence|ambulance|paramedic|first aid (now|urgent)|need first aid|\bsos\b|^s o s$|mayday|(dial|call|ring) (1(20|19|10|12)|911|999)|(somebody|someone) help( me)? (now|please|quick)|^somebody help|please help someone|help please hurry|someone (is )?(hurt|injured) badly|badly (hurt|injured)|(get|need|want) a doctor (now|right now|quick|immediately|fast)|^doctor now|doctor quick|nurse nurse|urgent medical/,
      /叫医生|医生快来|救救|救人|急救|紧急|出大事|出事了|(打|拨|叫)(110|119|120|112|幺二零|幺幺零|幺幺九)|就命|揪命|旧命|救名|jiu ?ming|着活了|找火了|着伙了|回倒了|昏到了|摔到了起不来|叫一生/,
    ],
    unless: [
      /\bwhere\b|\bhow (do|can|to)\b|which floor|在哪|怎么走|几楼|电话是|号码/,
      /insurance|covered|\bfee\b|fees|payment|\bpay\b|\bbill|minor|otherwise fine|保险|费用|报销|轻的|没事|缴费|交费|在哪交/,
    ],
  },
];

export interface RedFlag {
  readonly kind: RedFlagKind;
}

// A match right after a negation or a comparison does not count: "didnt pass out", "不喘",
// "没着火", "feels like its on fire", "像被打了一样".
const NEGATED_EN =
  /(\b((?<!(can|could) )not|no|didnt|never|without|dont|doesnt|isnt|wasnt|arent)\b(\s+\w+){0,2}|\b(feels?|felt|feeling) like( (its|it is|im|i am))?)\s*$/;
const NEGATED_ZH = /(没有|没|不是|不|无|(?<!好)像|并非)$/;

function matchesAffirmed(re: RegExp, text: string): boolean {
  for (const m of text.matchAll(new RegExp(re.source, 'g'))) {
    const before = text.slice(Math.max(0, m.index - 24), m.index);
    if (!NEGATED_EN.test(before) && !NEGATED_ZH.test(before)) return true;
  }
  return false;
}

/** The first red flag in the text, or null. Accepts raw text (it normalises itself). */
export function findRedFlag(text: string): RedFlag | null {
  const normalized = normalize(text);
  for (const rule of RULES) {
    if (!rule.any.some((re) => matchesAffirmed(re, normalized))) continue;
    if (rule.with !== undefined && !rule.with.some((re) => matchesAffirmed(re, normalized))) continue;
    if (rule.unless?.some((re) => re.test(normalized))) continue;
    return { kind: rule.kind };
  }
  return null;
}

const ZH_DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** Parses 1–99 written as digits or Chinese numerals (三, 十二, 二十). */
function parseSmallNumber(token: string): number | null {
  if (/^\d{1,3}$/.test(token)) return Number(token);
  if (token === '十') return 10;
  const m = /^([一二两三四五六七八九])?十([一二三四五六七八九])?$/.exec(token);
  if (m !== null)
    return (
      (m[1] !== undefined ? (ZH_DIGITS[m[1]] ?? 0) : 1) * 10 +
      (m[2] !== undefined ? (ZH_DIGITS[m[2]] ?? 0) : 0)
    );
  return token.length === 1 ? (ZH_DIGITS[token] ?? null) : null;
}

const CHILD_WORDS = [
  /\b(baby|babies|toddler|infant|newborn|kid|kids|child|children|childs|preschooler|schoolboy|schoolgirl|little (one|boy|girl|son|daughter)|my boy|my girl|nursery)\b/,
  /宝宝|宝贝|孩子|小孩|儿童|婴儿|新生儿|幼儿|小朋友|娃娃|小娃|我家娃|上幼儿园|上小学|小学生|男孩|女孩|闺女|小儿/,
];
const CHILDHOOD_PAST =
  /as a (kid|child|teen|boy|girl)|when i was (a )?(kid|child|little|young|small)|小时候|小的时候/;
const PREGNANCY = /pregnan|expecting|weeks along|怀孕|孕|产检|胎/;
const AGE_PATTERNS = [
  /(\d{1,3}|[一二两三四五六七八九十]{1,3})\s*(岁|周岁|个月大|个月的(?:宝宝|孩子|婴儿|小孩|娃))/g,
  /(\d{1,3}) ?(?:year|yr|years|yrs|month|months) ?old/g,
  /\b(?:aged?|age) (\d{1,3})\b/g,
];

/**
 * Whether the sentence is about a child (stated age under 14, or words like 宝宝, 孩子, toddler), for the
 * "children go to pediatrics" rule. A stated age of 14 or more wins over the words ("孩子 16岁").
 */
export function mentionsChild(text: string): boolean {
  const normalized = normalize(text);
  const ages: number[] = [];
  for (const pattern of AGE_PATTERNS) {
    for (const m of normalized.matchAll(pattern)) {
      const n = parseSmallNumber(m[1] ?? '');
      if (n === null) continue;
      const unit = m[2] ?? m[0];
      ages.push(/月|month/.test(unit) ? 0 : n);
    }
  }
  if (ages.length > 0) return Math.min(...ages) < 14;
  if (PREGNANCY.test(normalized) || CHILDHOOD_PAST.test(normalized)) return false;
  return CHILD_WORDS.some((re) => re.test(normalized));
}
