/**
 * Word lists for the `patterns` engine: the head nouns that make a capitalised name an
 * organisation or a place, the titles and role nouns that announce a person, common Chinese
 * surnames (names in English-language Chinese news are written surname first, in pinyin),
 * and the countries and continents every English text may name.
 */

/** Last words that make a name an organisation (`Xinhua News Agency`, `Communist Party`). */
export const ORG_HEADS = new Set(
  (
    'Agency Company Corporation Corp Group Holdings Ministry Commission Committee Bureau Office Council Congress Party ' +
    'University College School Academy Institute Institution Hospital Clinic Kindergarten Center Centre Association ' +
    'Federation Union Bank Administration Department Government Municipality Assembly Court Army Police Press News ' +
    'Foundation Society League Ltd Ltd. Inc Inc. Co. LLC Express Technology Technologies Network Photonics Materials Steel ' +
    'Conference Consortium Alliance Team Club Fund Authority Secretariat Cabinet Parliament Senate Ministry Airlines Media Television Radio'
  ).split(/\s+/),
);

/** Words that open an organisation's name and take an `of` complement (`Ministry of …`). */
export const ORG_OPENERS = new Set('Ministry Department Bureau Office Administration Commission Committee University Academy Institute Bank Association Federation Union Council'.split(' '));

/** Last words that make a name a place (`Hebei Province`, `Yongding River`, `Port of Tianjin`). */
export const LOC_HEADS = new Set(
  (
    'Province City County District Area Zone Region Prefecture Township Town Village Municipality River Lake Sea Bay Ocean ' +
    'Mountain Mountains Mount Hill Hills Valley Island Islands Peninsula Desert Plain Plateau Gulf Strait Canal Rim Coast ' +
    'Port Airport Square Park Expressway Highway Railway Road Street Avenue Bridge Dam Terminal Building Tower Campus ' +
    'Corridor Line Station Belt Hutong Reservoir Forest Wetland'
  ).split(/\s+/),
);

/** Municipality is both: a city's government issues plans. As a last word it names the government. */
LOC_HEADS.delete('Municipality');

/** Titles and honorifics before a name; not part of it (`Comrade Zheng`, `Dean Tian Jian`). */
export const TITLES = new Set(
  'Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Prof Prof. Professor Comrade Dean President Chairman Chairwoman Mayor Governor Secretary Minister Premier Director Deputy General Manager Academician Chief Vice Sir Madam Judge Ambassador Senator'.split(' '),
);

/** Role nouns that follow `Name, (a|the)? …` and confirm a person. */
export const ROLE_AFTER = /^,\s+(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,2}?(?:founder|deputy|head|chairman|chairwoman|mayor|secretary|member|employee|patient|director|president|manager|dean|professor|researcher|engineer|teacher|student|farmer|worker|doctor|chief|leader|expert|official|spokesperson|spokesman|academician|vice|general|who)\b/i;

/** Words before a name that confirm a person (`said Li Qian`, `Photo by Mu Yu`). */
export const CUE_BEFORE = /(?:\bsaid|\bsays|\bby|\btold|\baccording to|\bComrade|\bDean|\bMr\.?|\bMs\.?|\bDr\.?)\s+$/;

/** Common Chinese surnames in pinyin (the hundred most frequent and a few more). */
export const SURNAMES = new Set(
  (
    'Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng Liang Xie Song Tang Han Feng ' +
    'Deng Cao Peng Zeng Xiao Tian Dong Yuan Pan Yu Jiang Cai Du Ye Cheng Wei Su Lu Ding Ren Shen Yao Jin Fu Zhong Cui Tan ' +
    'Lu Fan Wan Shi Qin Dai Jia Xia Fang Hou Bai Qiu Meng Qi Mo Yin Ju Mu Yan Xi Kong Lei Long Duan Hao Shao Qian Kang Mao ' +
    'Niu Yi Chang Gu Qiao Lai Wen Hong Ge Xiong Lan Bao Zou Shang Jiao Ning An Geng Ji Nie Zhan Ou Guan Ruan Xue Lou Chai'
  ).split(/\s+/),
);

const INITIAL = '(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?';
const FINAL = '(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u|v)';
const PINYIN_WORD = new RegExp(`^(?:${INITIAL}${FINAL}){1,3}$`, 'i');

/** Whether a word can be read as one to three pinyin syllables (`Dongxu`, `Liqun`, `Can`). */
export function isPinyin(word: string): boolean {
  return word.length <= 12 && PINYIN_WORD.test(word);
}

export const MONTHS_AND_DAYS = new Set(
  'January February March April May June July August September October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday'.split(' '),
);

/** Capitalised words that are never a name by themselves at the start of a sentence. */
export const COMMON_CAPITALISED = new Set(
  (
    'The A An This That These Those It Its In On At To For From By With Of And But Or As If When While Since After Before ' +
    'During Over Under Through Between Among About Across Along Around Into Onto Upon Within Without Here There Now Today ' +
    'Yesterday Tomorrow We Our Us They Their He His She Her You Your I My Me All Some Many Most More Each Every Both No Not ' +
    'Also Just Only Then Thus However Moreover Furthermore Meanwhile According Such What Which Who Whom Whose Why How Where ' +
    'Nowadays Recently Currently Already Still Even Yet Once Twice Several Other Another One Two Three Four Five Six Seven ' +
    'Eight Nine Ten First Second Third Last Next New Old Great Good Chinese English French Photo Original Article Source'
  ).split(/\s+/),
);

/** Countries and continents, for a text that names them without a head noun. */
export const WORLD_PLACES = new Set(
  (
    'Africa Asia Europe America Oceania Antarctica Australia China Japan Korea India Russia France Germany Italy Spain ' +
    'Portugal Britain England Scotland Wales Ireland Canada Mexico Brazil Argentina Chile Peru Colombia Venezuela Cuba ' +
    'Egypt Nigeria Kenya Ethiopia Morocco Algeria Tunisia Libya Sudan Ghana Senegal Iran Iraq Syria Turkey Israel Jordan ' +
    'Lebanon Arabia Pakistan Afghanistan Bangladesh Nepal Vietnam Thailand Cambodia Laos Myanmar Malaysia Singapore ' +
    'Indonesia Philippines Mongolia Kazakhstan Uzbekistan Ukraine Poland Belgium Netherlands Switzerland Austria Sweden ' +
    'Norway Denmark Finland Greece Hungary Romania Bulgaria Serbia Croatia Czechia Slovakia Taiwan Tibet Macao Macau ' +
    'Washington London Paris Berlin Moscow Tokyo Beijing Shanghai Delhi Seoul Copenhagen Rome Madrid Brussels'
  ).split(/\s+/),
);
