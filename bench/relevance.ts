/**
 * Hand-labelled relevance set for `npm run bench -- search`: queries as a researcher half-remembers
 * them (paraphrased, with typos, in English and French) and the seed sentences they should find.
 * A result is a hit when it comes from `file` and its text contains `includes`.
 *
 * Also the small entity registry the bench and the search tests tag the seeds with.
 */
import type { CanonicalEntity } from '../src/core/model';

export interface Expected {
  file: string;
  includes: string;
}

export interface RelevanceCase {
  query: string;
  expect: Expected[];
}

const F0 = '000_ad486b33f2fde1b8.txt';
const F1 = '001_b03c6ba473a52724.txt';
const F2 = '002_0a0484aff5f38808.txt';
const F3 = '003_dea812eaf2be9ea4.txt';
const F4 = '004_2825da8afab466f9.txt';

export const RELEVANCE: RelevanceCase[] = [
  { query: 'Line 22 sheild machine', expect: [{ file: F0, includes: '8.29-meter-diameter' }] },
  { query: 'how far had the Line 22 shield tunnel got', expect: [{ file: F0, includes: '11.9 kilometers of excavation' }, { file: F0, includes: '8.29-meter-diameter' }] },
  { query: 'Hebei GDP 2023', expect: [{ file: F2, includes: "Hebei Province's GDP will achieve" }] },
  { query: 'Changtong bridge length kilometers', expect: [{ file: F0, includes: 'total length of about 7.9 kilometers' }] },
  { query: 'pont Chaobai 7,9 kilomètres', expect: [{ file: F3, includes: "d'environ 7,9 kilomètres" }] },
  { query: 'machine a bouclier Xitong diametre', expect: [{ file: F3, includes: '8,29 mètres de diamètre' }] },
  { query: 'Tongzou Langfang biodiversity agreement', expect: [{ file: F0, includes: 'Biodiversity Conservation Collaborative Cooperation Agreement' }] },
  { query: 'Xiongan satelite network group', expect: [{ file: F2, includes: 'China Satellite Network Group' }] },
  { query: 'airport economic zone registered enterprises', expect: [{ file: F4, includes: 'registered enterprises in the Airport Economic Zone' }] },
  { query: 'Chengde forest coverage rate', expect: [{ file: F4, includes: 'forest coverage rate increased' }] },
  { query: 'Hyundai Cangzhou vehicles output', expect: [{ file: F4, includes: '680,000 vehicles' }] },
  { query: 'Yanda Golden Years elderly from Beijing', expect: [{ file: F0, includes: 'Yanda Golden Years Health Care Center' }, { file: F2, includes: 'Yanda Golden Years Health Care Center' }] },
  { query: 'Fuxing train 6:56 Beijing West', expect: [{ file: F1, includes: 'At 6:56 every day' }] },
  { query: 'Port of Tianjin container throughput TEUs', expect: [{ file: F1, includes: 'container throughput of Port of Tianjin' }] },
  { query: 'Xianghe robot town companies', expect: [{ file: F0, includes: 'Xianghe Robot Town has signed' }, { file: F3, includes: 'Xianghe Robot Town a signé' }] },
  { query: 'Zhongguancun branches in Tianjin and Hebei', expect: [{ file: F2, includes: '10,000 branches' }] },
  { query: 'Caofeidan boiler dream factry', expect: [{ file: F2, includes: 'dream factory' }] },
  { query: 'Winter Olympics Yanqing opportunities', expect: [{ file: F4, includes: 'The holding of the Winter Olympics' }, { file: F4, includes: 'serve and guarantee the Winter Olympics' }] },
  { query: 'Lettre de colaboration biodiversité Chaobai', expect: [{ file: F3, includes: 'Lettre de collaboration pour la conservation' }] },
  { query: 'medical insurance direct settlement hospitalization Langfang', expect: [{ file: F0, includes: '73 designated medical institutions' }] },
  { query: 'Chen Lian elderly man Xicheng', expect: [{ file: F0, includes: 'said Chen Lian' }] },
  { query: 'one hour commuting circle', expect: [{ file: F0, includes: 'one-hour commuting circle' }] },
  { query: 'Yin Xiangjie Jingdong Golden Corridor Tongzhou', expect: [{ file: F4, includes: 'relying on the construction of the “Jingdong Golden Corridor”' }] },
  { query: 'Pékin sous-centre services gouvernementaux Yanjiao', expect: [{ file: F3, includes: 'hall de services intégré' }] },
];

/** Entities the bench and tests tag in the seed text (by exact string match of the name and aliases). */
export const REGISTRY: CanonicalEntity[] = [
  { id: 'beijing', name: 'Beijing', type: 'place', aliases: ['Pékin', 'Peking'], externalId: 'Q956' },
  { id: 'tianjin', name: 'Tianjin', type: 'place', aliases: [] },
  { id: 'hebei', name: 'Hebei', type: 'place', aliases: ['Hebei Province'] },
  { id: 'xiongan', name: "Xiong'an New Area", type: 'place', aliases: ["Xiong'an", 'Xiongan'] },
  { id: 'tongzhou', name: 'Tongzhou', type: 'place', aliases: ['Tongzhou District'] },
  { id: 'langfang', name: 'Langfang', type: 'place', aliases: [] },
  { id: 'sanhe', name: 'Sanhe', type: 'place', aliases: ['Sanhe City'] },
  { id: 'yanjiao', name: 'Yanjiao', type: 'place', aliases: [] },
  { id: 'cangzhou', name: 'Cangzhou', type: 'place', aliases: [] },
  { id: 'chengde', name: 'Chengde', type: 'place', aliases: [] },
  { id: 'xi-jinping', name: 'Xi Jinping', type: 'person', aliases: [] },
  { id: 'liu-junchao', name: 'Liu Junchao', type: 'person', aliases: [] },
  { id: 'zhao-yonghui', name: 'Zhao Yonghui', type: 'person', aliases: [] },
  { id: 'chen-lian', name: 'Chen Lian', type: 'person', aliases: [] },
  { id: 'kang-yanmin', name: 'Kang Yanmin', type: 'person', aliases: [] },
  { id: 'chai-baoliang', name: 'Chai Baoliang', type: 'person', aliases: [] },
  { id: 'yin-xiangjie', name: 'Yin Xiangjie', type: 'person', aliases: [] },
  { id: 'wang-youguo', name: 'Wang Youguo', type: 'person', aliases: [] },
  { id: 'cccc', name: 'China Communications Construction', type: 'organization', aliases: ['CCCC'] },
];
