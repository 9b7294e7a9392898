/**
 * A deterministic generator of large department books (数据包) for benchmarks and load tests.
 *
 * "100×" the Guizhou reference (2 units, 112 lines) is 200 units (codes 261001…, 行政/参公/事业 mixed), about
 * 20,000 expenditure lines (about 40 % 基本支出, 60 % 项目支出 across about 3,000 projects), about 150 distinct 7-digit
 * 功能分类 项 codes (those missing from the national catalogue are added to `extraCodes.functional` together with
 * their 款 parents), economic codes only from the 部门预算经济分类 catalogue, income that balances per unit and per
 * fund (X-28, X-29), procurement per unit, transfers, performance targets and indicators, and prior-year 三公.
 *
 * Everything comes from a seeded PRNG (mulberry32), so the same options always give the same book.
 *
 * The command `npm run generate` (generate-cli.ts) writes one to a file.
 */
import deptEconomic from '../../templates/catalogues/dept-economic-2024.json';
import econMapping from '../../templates/catalogues/econ-mapping-2024.json';
import functional from '../../templates/catalogues/functional-2024.json';
import { BOOK_FORMAT, BOOK_FORMAT_VERSION, type BookFile, type EntryRecord, type UnitRecord } from '../../shared/book/schema';

export interface GenerateOptions {
  units: number;
  lines: number;
  indicators: number;
  seed: number;
}

/** The options for "N×" the reference book: 2N units, 200N lines, 50N indicators (100× = 200 / 20,000 / 5,000). */
export function scaleOptions(scale: number, seed = 1): GenerateOptions {
  return {
    units: Math.max(1, Math.round(2 * scale)),
    lines: Math.max(4, Math.round(200 * scale)),
    indicators: Math.max(1, Math.round(50 * scale)),
    seed,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Randomness

type Random = () => number;

/** mulberry32: a small, fast, well-distributed 32-bit PRNG. */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  constructor(readonly next: Random) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
  weighted<T>(list: readonly (readonly [T, number])[]): T {
    const total = list.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [v, w] of list) {
      x -= w;
      if (x < 0) return v;
    }
    return list[list.length - 1]![0];
  }
  /** Log-uniform amount in 0.01 万元 (hundredths), between min and max 万元. */
  amount(min: number, max: number): number {
    const v = Math.exp(Math.log(min) + this.next() * (Math.log(max) - Math.log(min)));
    return Math.max(1, Math.round(v * 100));
  }
  shuffle<T>(list: T[]): T[] {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [list[i], list[j]] = [list[j]!, list[i]!];
    }
    return list;
  }
}

/** Hundredths of 万元 as the book's amount text: 12345 → "123.45". */
export function hundredths(h: number): string {
  if (!Number.isSafeInteger(h) || h < 0) throw new RangeError(`bad amount ${h}`);
  return `${Math.floor(h / 100)}.${String(h % 100).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Classification codes

interface Kuan {
  code: string;
  name: string;
  /** The 项 codes (last two digits) and names. The first is the unit's running cost code (行政运行 / 事业运行). */
  xiang: [string, string][];
}

/** 款 of the 2024 functional classification with plausible 项 lists (the usual 01/02/03/50/99 pattern). */
function kuan(code: string, name: string, other: string, specific: [string, string][] = [], generic = true): Kuan {
  const common: [string, string][] = generic
    ? [
        ['01', '行政运行'],
        ['02', '一般行政管理事务'],
        ['03', '机关服务'],
        ['50', '事业运行'],
      ]
    : [];
  return { code, name, xiang: [...common, ...specific, ['99', other]] };
}

/** Sector 款: each unit belongs to one and spends mostly under its 项. */
const SECTORS: Kuan[] = [
  kuan('20101', '人大事务', '其他人大事务支出', [['04', '人大会议'], ['06', '人大监督']]),
  kuan('20103', '政府办公厅（室）及相关机构事务', '其他政府办公厅（室）及相关机构事务支出', [['05', '专项业务活动'], ['08', '信访事务']]),
  kuan('20104', '发展与改革事务', '其他发展与改革事务支出', [['04', '战略规划与实施'], ['08', '物价管理']]),
  kuan('20105', '统计信息事务', '其他统计信息事务支出', [['05', '专项统计业务'], ['07', '专项普查活动']]),
  kuan('20106', '财政事务', '其他财政事务支出', [['04', '预算改革业务'], ['07', '信息化建设']]),
  kuan('20108', '审计事务', '其他审计事务支出', [['04', '审计业务'], ['05', '审计管理']]),
  kuan('20111', '纪检监察事务', '其他纪检监察事务支出', [['04', '大案要案查处']]),
  kuan('20113', '商贸事务', '其他商贸事务支出', [['08', '招商引资']]),
  kuan('20129', '群众团体事务', '其他群众团体事务支出', [['06', '工会事务']]),
  kuan('20132', '组织事务', '其他组织事务支出', [['04', '公务员事务']]),
  kuan('20133', '宣传事务', '其他宣传事务支出', [['04', '宣传管理']]),
  kuan('20402', '公安', '其他公安支出', [['19', '信息化建设'], ['20', '执法办案']]),
  kuan('20406', '司法', '其他司法支出', [['04', '基层司法业务'], ['05', '普法宣传'], ['07', '公共法律服务']]),
  kuan('20501', '教育管理事务', '其他教育管理事务支出', [], true),
  kuan('20502', '普通教育', '其他普通教育支出', [['01', '学前教育'], ['02', '小学教育'], ['03', '初中教育'], ['04', '高中教育'], ['05', '高等教育']], false),
  kuan('20503', '职业教育', '其他职业教育支出', [['02', '中等职业教育'], ['05', '高等职业教育']], false),
  kuan('20508', '进修及培训', '其他进修及培训', [['01', '教师进修'], ['02', '干部教育'], ['03', '培训支出']], false),
  kuan('20601', '科学技术管理事务', '其他科学技术管理事务支出', [], true),
  kuan('20603', '应用研究', '其他应用研究支出', [['01', '机构运行'], ['02', '社会公益研究'], ['03', '高技术研究']], false),
  kuan('20604', '技术研究与开发', '其他技术研究与开发支出', [['01', '机构运行'], ['05', '科技成果转化与扩散']], false),
  kuan('20701', '文化和旅游', '其他文化和旅游支出', [['04', '图书馆'], ['09', '群众文化'], ['11', '文化创作与保护']]),
  kuan('20703', '体育', '其他体育支出', [['04', '运动项目管理'], ['05', '体育竞赛'], ['08', '群众体育']]),
  kuan('20801', '人力资源和社会保障管理事务', '其他人力资源和社会保障管理事务支出', [['04', '综合业务管理'], ['09', '社会保险经办机构']]),
  kuan('20802', '民政管理事务', '其他民政管理事务支出', [['08', '基层政权建设和社区治理']]),
  kuan('21001', '卫生健康管理事务', '其他卫生健康管理事务支出', []),
  kuan('21002', '公立医院', '其他公立医院支出', [['01', '综合医院'], ['02', '中医（民族）医院'], ['03', '传染病医院'], ['05', '精神病医院']], false),
  kuan('21004', '公共卫生', '其他公共卫生支出', [['01', '疾病预防控制机构'], ['02', '卫生监督机构'], ['03', '妇幼保健机构'], ['08', '基本公共卫生服务'], ['09', '重大公共卫生服务']], false),
  kuan('21013', '医疗救助', '其他医疗救助支出', [['01', '城乡医疗救助'], ['02', '疾病应急救助']], false),
  kuan('21015', '医疗保障管理事务', '其他医疗保障管理事务支出', [['04', '信息化建设'], ['05', '医疗保障政策管理'], ['06', '医疗保障经办事务']]),
  kuan('21101', '环境保护管理事务', '其他环境保护管理事务支出', [['04', '生态环境保护宣传'], ['06', '环境保护法规、规划及标准']]),
  kuan('21103', '污染防治', '其他污染防治支出', [['01', '大气'], ['02', '水体'], ['04', '固体废弃物与化学品']], false),
  kuan('21201', '城乡社区管理事务', '其他城乡社区管理事务支出', [['04', '城管执法'], ['06', '工程建设管理']]),
  kuan('21301', '农业农村', '其他农业农村支出', [['08', '病虫害控制'], ['10', '执法监管']]),
  kuan('21302', '林业和草原', '其他林业和草原支出', [['05', '森林资源培育'], ['34', '林业草原防灾减灾']]),
  kuan('21303', '水利', '其他水利支出', [['05', '水利工程建设'], ['06', '水利工程运行与维护']]),
  kuan('21401', '公路水路运输', '其他公路水路运输支出', [['04', '公路建设'], ['06', '公路养护']]),
  kuan('21505', '工业和信息产业监管', '其他工业和信息产业监管支出', [['10', '专用通信']]),
  kuan('21602', '商业流通事务', '其他商业流通事务支出', [['16', '市场监测及信息管理']]),
  kuan('22001', '自然资源事务', '其他自然资源事务支出', [['06', '自然资源调查与确权登记'], ['09', '地质勘查与矿产资源管理']]),
  kuan('22401', '应急管理事务', '其他应急管理支出', [['04', '灾害风险防治'], ['06', '安全监管']]),
];

/** Codes every unit's basic lines use: pensions, medical insurance, housing fund, retirees. */
const COMMON = {
  adminRetire: ['2080501', '行政单位离退休'],
  instRetire: ['2080502', '事业单位离退休'],
  pension: ['2080505', '机关事业单位基本养老保险缴费支出'],
  annuity: ['2080506', '机关事业单位职业年金缴费支出'],
  adminMedical: ['2101101', '行政单位医疗'],
  instMedical: ['2101102', '事业单位医疗'],
  civilMedical: ['2101103', '公务员医疗补助'],
  housing: ['2210201', '住房公积金'],
} satisfies Record<string, [string, string]>;
const COMMON_KUAN: Record<string, string> = { '20805': '行政事业单位养老支出', '21011': '行政事业单位医疗', '22102': '住房改革支出' };

interface Sector {
  kuan: Kuan;
  /** 7-digit codes: running cost for 行政/参公, for 事业, and the project codes. */
  adminRun: string;
  instRun: string;
  projectCodes: string[];
}

/** Each sector's 项 in use: its running-cost codes and two project codes (about 150 codes over 41 sectors). */
function sectors(rng: Rng): Sector[] {
  return SECTORS.map((k) => {
    const codes = k.xiang.map(([x]) => k.code + x);
    const has = (x: string) => k.xiang.some(([c]) => c === x);
    const adminRun = has('01') && k.xiang[0]![1] === '行政运行' ? `${k.code}01` : codes[0]!;
    const instRun = has('50') ? `${k.code}50` : codes[0]!;
    const projectCodes = rng.shuffle(codes.filter((c) => c !== adminRun && c !== instRun)).slice(0, 2);
    return { kuan: k, adminRun, instRun, projectCodes };
  });
}

const NATIONAL_FUNCTIONAL = new Map(functional.entries.map((e) => [e.code, e.name]));

/** Every name a code of the generator may need: national names first, then the generator's own. */
function functionalNames(): Map<string, string> {
  const names = new Map<string, string>();
  for (const k of SECTORS) {
    names.set(k.code, k.name);
    for (const [x, n] of k.xiang) names.set(k.code + x, n);
  }
  for (const [code, name] of Object.values(COMMON)) names.set(code, name);
  for (const [code, name] of Object.entries(COMMON_KUAN)) names.set(code, name);
  for (const [code, name] of NATIONAL_FUNCTIONAL) names.set(code, name);
  return names;
}

const DEPT_ECONOMIC = new Map(deptEconomic.entries.map((e) => [e.code, e.name]));

/** Economic codes a line may use: 5- or 7-digit, and not a 5-digit code that has 7-digit children (30212). */
function leafEconomic(): string[] {
  const codes = [...DEPT_ECONOMIC.keys()];
  return codes.filter((c) => (c.length === 5 || c.length === 7) && !codes.some((d) => d.length > c.length && d.startsWith(c)));
}

/** The 政府预算经济分类 a (unit kind, econ) pair maps to, following the kind's scope preference ('' when none). */
function mappedGovEcon(kind: string, econ: string): string {
  const scopes = (econMapping.scopes as Record<string, string[]>)[kind] ?? [];
  for (const scope of scopes) {
    const pair = econMapping.pairs.find((p) => p.scope === scope && p.from === econ);
    if (pair) return pair.to;
  }
  return '';
}

// ---------------------------------------------------------------------------------------------------------------
// Names

const REGIONS = ['贵州省', '贵阳市', '遵义市', '六盘水市', '安顺市', '毕节市', '铜仁市', '黔东南州', '黔南州', '黔西南州'];
const FIELDS = [
  '医疗保障', '卫生健康', '疾病预防控制', '信息', '药品监测', '档案', '干部培训', '后勤服务', '宣传教育', '科学研究',
  '应急救援', '质量检测', '统计调查', '综合执法', '社会保险经办', '人才交流', '技术推广', '环境监测', '规划设计', '数据管理',
];
const TYPES: Record<string, string[]> = {
  行政: ['局', '办公室', '管理局'],
  参公: ['监督所', '执法总队', '事务中心', '管理中心'],
  事业: ['中心', '研究院', '服务中心', '研究所', '医院', '学校', '检测站'],
};
const TOPICS = [
  '信息化建设运维', '业务工作专项', '能力提升', '设备购置', '监督检查', '宣传培训', '课题研究', '基础设施维修',
  '应急物资储备', '绩效评价', '政策研究', '数据治理', '服务保障', '标准化建设', '人才培养', '督导考核', '专项调查',
  '安全生产', '档案数字化', '网络安全', '公共服务', '执法装备', '示范创建', '质量提升',
];
const PROJECT_SUFFIX = ['经费', '项目', '专项资金', '补助经费', '工作经费'];
const TRANSFER_TOPICS = [
  '基本公共卫生服务', '医疗救助', '城乡居民医疗保险', '重大传染病防控', '基层医疗卫生机构能力建设', '公立医院综合改革',
  '计划生育扶助', '中医药事业传承与发展', '医疗服务与保障能力提升', '卫生健康人才培养', '优抚对象医疗保障', '乡村振兴衔接',
];
const SAN_GONG_ITEMS = [
  ['因公出国（境）费', ['3021202']],
  ['公务接待费', ['30217']],
  ['公务用车运行维护费', ['30231']],
  ['公务用车购置费', ['31013', '30913']],
] as const;

// ---------------------------------------------------------------------------------------------------------------
// Amount fields

const LINE_FIELDS = ['gpb', 'gfb', 'soe', 'special', 'biz', 'oper', 'upper', 'affil', 'other'] as const;
type LineField = (typeof LINE_FIELDS)[number];
const UNIT_FUNDS: LineField[] = ['biz', 'oper', 'upper', 'affil', 'other'];

/** Splits a line total (hundredths) over funds: mostly 一般公共预算, sometimes other funds. */
function fund(rng: Rng, total: number, kind: string, project: boolean): Partial<Record<LineField, number>> {
  const inst = kind === '事业';
  const other: LineField = project
    ? rng.weighted<LineField>([
        ['gfb', 5],
        ['soe', 2],
        ['special', 3],
        ...(inst ? ([['biz', 6], ['oper', 2], ['upper', 2], ['affil', 1], ['other', 2]] as [LineField, number][]) : [['other', 1] as [LineField, number]]),
      ])
    : rng.weighted<LineField>([
        ['gfb', 1],
        ['soe', 0.3],
        ['special', 1],
        ...(inst ? ([['biz', 10], ['oper', 3], ['upper', 2], ['affil', 1], ['other', 3]] as [LineField, number][]) : [['other', 1] as [LineField, number]]),
      ]);
  const pOther = inst ? (project ? 0.2 : 0.3) : project ? 0.08 : 0.03;
  if (!rng.chance(pOther)) return { gpb: total };
  if (rng.chance(0.5) || total < 2) return { [other]: total };
  const part = Math.max(1, Math.min(total - 1, Math.round(total * (0.2 + 0.6 * rng.next()))));
  return { gpb: total - part, [other]: part };
}

// ---------------------------------------------------------------------------------------------------------------
// The generator

interface Unit extends UnitRecord {
  sector: Sector;
  /** Staff size factor for personnel amounts. */
  size: number;
}

export function generateBook(options: GenerateOptions): BookFile {
  const { units: unitCount, lines, indicators: indicatorCount, seed } = options;
  if (!Number.isInteger(unitCount) || unitCount < 1) throw new RangeError('units must be a positive integer');
  if (!Number.isInteger(lines) || lines < 4 * unitCount) throw new RangeError('lines must be at least 4 per unit');
  if (!Number.isInteger(indicatorCount) || indicatorCount < 0) throw new RangeError('indicators must be >= 0');
  const rng = new Rng(mulberry32(seed));
  const names = functionalNames();
  const allSectors = sectors(rng);
  const econLeaves = leafEconomic();
  const econOf = (prefix: string) => econLeaves.filter((c) => c.startsWith(prefix));

  // Units: the first is the department's own office (本级, 行政).
  const units: Unit[] = [];
  const usedNames = new Set<string>();
  for (let i = 0; i < unitCount; i++) {
    const kind = i === 0 ? '行政' : rng.weighted([['行政', 15], ['参公', 20], ['事业', 65]] as const);
    const code = String(261001 + i);
    let name: string;
    if (i === 0) name = '贵州省性能测试厅本级';
    else {
      for (let attempt = 0; ; attempt++) {
        name = `${rng.pick(REGIONS)}${rng.pick(FIELDS)}${rng.pick(TYPES[kind]!)}`;
        if (attempt > 20) name = `${name}${i}`;
        if (!usedNames.has(name)) break;
      }
    }
    usedNames.add(name);
    units.push({ code, name, kind, sector: allSectors[0]!, size: rng.amount(0.3, 4) / 100 });
  }
  // Sectors dealt round-robin in a shuffled order: about units / 41 units per sector.
  // 行政/参公 units get sectors with 行政运行 codes; 事业 units any sector (公立医院, 普通教育 …).
  const adminSectors = rng.shuffle(allSectors.filter((s) => s.kuan.xiang[0]![1] === '行政运行'));
  const instSectors = rng.shuffle([...allSectors]);
  let nAdmin = 0;
  let nInst = 0;
  for (const u of units) {
    u.sector = u.kind === '事业' ? instSectors[nInst++ % instSectors.length]! : adminSectors[nAdmin++ % adminSectors.length]!;
  }
  const unitByCode = new Map(units.map((u) => [u.code, u]));

  const basicCount = Math.round(lines * 0.4);
  const projectLineCount = lines - basicCount;
  const projectCount = Math.max(unitCount, Math.round(projectLineCount / 4));
  if (projectLineCount < projectCount) throw new RangeError('too few lines for the projects');

  /** Splits `total` over `n` slots, each at least `min`, in proportion to random weights. */
  const allocate = (total: number, n: number, min: number, weight: (i: number) => number): number[] => {
    const counts = new Array<number>(n).fill(min);
    const weights = Array.from({ length: n }, (_, i) => weight(i));
    const sum = weights.reduce((a, b) => a + b, 0);
    let left = total - min * n;
    const base = weights.map((w) => Math.floor((left * w) / sum));
    base.forEach((b, i) => (counts[i]! += b));
    left -= base.reduce((a, b) => a + b, 0);
    for (let k = 0; k < left; k++) counts[rng.int(0, n - 1)]!++;
    return counts;
  };
  const unitWeights = units.map(() => 0.4 + 2 * rng.next() ** 2);

  // ---- 基本支出 (basic): personnel lines first, then 公用经费 and 对个人和家庭的补助.
  const basic: EntryRecord[] = [];
  const lineAmounts = new Map<EntryRecord, Partial<Record<LineField, number>>>();
  const basicPerUnit = allocate(basicCount, unitCount, Math.min(6, Math.floor(basicCount / unitCount)), (i) => unitWeights[i]!);
  // 三公 codes (因公出国, 公务接待, 公务用车) are rare and small; the other 商品和服务 codes are common.
  const SAN_GONG = new Set(['3021201', '3021202', '30217', '30231', '31013', '30913']);
  const pub302: [string, number][] = econOf('302').map((c) => [c, SAN_GONG.has(c) ? 0.15 : 1]);
  const cap310: [string, number][] = econOf('310').map((c) => [c, SAN_GONG.has(c) ? 0.1 : 1]);
  const aid303 = econOf('303').filter((c) => c !== '30301' && c !== '30302');
  for (const [ui, u] of units.entries()) {
    const admin = u.kind !== '事业';
    const run = admin ? u.sector.adminRun : u.sector.instRun;
    const personnel: [string, string, number, number][] = [
      ['30101', run, 60, 900],
      ['30102', run, 40, 700],
      [admin ? '30103' : '30107', run, 20, 500],
      ['30108', COMMON.pension[0], 15, 200],
      ['30109', COMMON.annuity[0], 5, 90],
      ['30110', admin ? COMMON.adminMedical[0] : COMMON.instMedical[0], 8, 120],
      [admin ? '30111' : '30112', admin ? COMMON.civilMedical[0] : run, 2, 40],
      ['30113', COMMON.housing[0], 10, 150],
      ['30302', admin ? COMMON.adminRetire[0] : COMMON.instRetire[0], 5, 300],
      ['30199', run, 1, 60],
      ['30106', run, 1, 30],
    ];
    const n = basicPerUnit[ui]!;
    const chosen: [string, string, number, number][] = personnel.slice(0, Math.min(n, personnel.length));
    const seen = new Set(chosen.map(([e, f]) => `${f}/${e}`));
    while (chosen.length < n) {
      const group = rng.weighted([['302', 70], ['310', 12], ['303', 10], ['301', 8]] as const);
      const econ =
        group === '302' ? rng.weighted(pub302) : group === '310' ? rng.weighted(cap310) : group === '303' ? rng.pick(aid303) : rng.pick(['30114', '30199', '30106', '30112']);
      if (admin && econ === '30107') continue;
      const func = run;
      const key = `${func}/${econ}`;
      // Mostly one line per (func, econ), as in real books; a few repeats (a second funding line) are kept.
      if (seen.has(key) && !rng.chance(0.03) && seen.size < 120) continue;
      seen.add(key);
      const range: [number, number] = SAN_GONG.has(econ) ? [0.2, 8] : group === '302' ? [0.5, 80] : group === '310' ? [2, 150] : group === '303' ? [1, 120] : [1, 60];
      chosen.push([econ, func, ...range]);
    }
    for (const [econ, func, min, max] of chosen) {
      if (!mappedGovEcon(u.kind, econ)) throw new Error(`no 政府经济分类 for ${u.kind} ${econ}`);
      const total = rng.amount(min * u.size, max * u.size);
      const amounts = fund(rng, total, u.kind, false);
      const rec: EntryRecord = { id: `b${String(basic.length + 1).padStart(5, '0')}`, unit: u.code, func, econ };
      basic.push(rec);
      lineAmounts.set(rec, amounts);
    }
  }

  // ---- Projects and their lines.
  const projects: EntryRecord[] = [];
  const projectUnit = new Map<string, Unit>();
  const projectsPerUnit = allocate(projectCount, unitCount, 1, (i) => unitWeights[i]!);
  for (const [ui, u] of units.entries()) {
    const used = new Set<string>();
    for (let k = 0; k < projectsPerUnit[ui]!; k++) {
      let name = `${rng.pick(TOPICS)}${rng.pick(PROJECT_SUFFIX)}`;
      if (used.has(name)) name = `${u.name.replace(/^贵州省/, '')}${name}`;
      for (let n = 2; used.has(name); n++) name = `${name.replace(/（第\d+批）$/, '')}（第${n}批）`;
      used.add(name);
      const id = `p${String(projects.length + 1).padStart(4, '0')}`;
      const code = `52000024${String(projects.length + 1).padStart(5, '0')}${Array.from({ length: 8 }, () => rng.pick([...'0123456789ABCDEFGHJKLMNPQRSTUVWXYZ'])).join('')}`;
      projects.push({ id, unit: u.code, code, name, origin: rng.chance(0.8) ? '省本级财力安排' : '中央补助' });
      projectUnit.set(id, u);
    }
  }
  const projectLines: EntryRecord[] = [];
  const linesPerProject = allocate(projectLineCount, projects.length, 1, () => 0.3 + rng.next() ** 2 * 3);
  const projEcon: [string, number][] = [
    ...econOf('302').map((c) => [c, ['30227', '30226', '30201', '30211', '30213', '30218', '30299', '30216', '30215', '30203'].includes(c) ? 6 : SAN_GONG.has(c) ? 0.1 : 1] as [string, number]),
    ...econOf('303').map((c) => [c, c === '30305' || c === '30307' || c === '30399' ? 3 : 0.5] as [string, number]),
    ...econOf('310').map((c) => [c, ['31002', '31003', '31007', '31006'].includes(c) ? 4 : SAN_GONG.has(c) ? 0.05 : 0.5] as [string, number]),
    ...econOf('309').map((c) => [c, SAN_GONG.has(c) ? 0.05 : 0.4] as [string, number]),
    ...['30199', '30102', '30106'].map((c) => [c, 0.7] as [string, number]),
    ['30701', 0.2],
  ];
  for (const [pi, p] of projects.entries()) {
    const u = projectUnit.get(p.id)!;
    const codes = u.sector.projectCodes;
    const main = rng.pick(codes);
    const seen = new Set<string>();
    const scale = rng.amount(1, 2000) / 100;
    for (let k = 0; k < linesPerProject[pi]!; k++) {
      const func = rng.chance(0.8) ? main : rng.pick(codes);
      let econ = rng.weighted(projEcon);
      for (let t = 0; t < 5 && seen.has(`${func}/${econ}`); t++) econ = rng.weighted(projEcon);
      seen.add(`${func}/${econ}`);
      const total = SAN_GONG.has(econ) ? rng.amount(0.2, 15) : rng.amount(Math.max(0.05, scale / 20), scale * 2);
      const rec: EntryRecord = { id: `pl${String(projectLines.length + 1).padStart(5, '0')}`, project: p.id, func, econ };
      projectLines.push(rec);
      lineAmounts.set(rec, fund(rng, total, u.kind, true));
    }
  }

  // Every amount column is exercised: a field no line uses gets a small amount on some line of a 事业 unit.
  const unitOfLine = (r: EntryRecord) => (r.unit ? unitByCode.get(r.unit)! : projectUnit.get(r.project!)!);
  for (const list of [basic, projectLines]) {
    for (const f of LINE_FIELDS) {
      if (list.some((r) => (lineAmounts.get(r)![f] ?? 0) > 0)) continue;
      const candidates = list.filter((r) => unitOfLine(r).kind === '事业');
      const r = rng.pick(candidates.length > 0 ? candidates : list);
      lineAmounts.get(r)![f] = rng.amount(0.5, 50);
    }
  }
  for (const r of [...basic, ...projectLines]) {
    for (const [f, v] of Object.entries(lineAmounts.get(r)!)) if (v) r[f] = hundredths(v);
  }

  // ---- 年终结转结余 (non-fiscal carry-over) for some units.
  const carryover: EntryRecord[] = [];
  const carryByUnit = new Map<string, number>();
  for (const [ui, u] of units.entries()) {
    if (!(ui === 1 || rng.chance(0.12)) || unitCount < 2) continue;
    const n = rng.int(1, 2);
    for (let k = 0; k < n; k++) {
      const amount = rng.amount(1, 300);
      carryByUnit.set(u.code, (carryByUnit.get(u.code) ?? 0) + amount);
      carryover.push({
        id: `c${String(carryover.length + 1).padStart(4, '0')}`,
        unit: u.code,
        func: k === 0 ? (u.kind === '事业' ? u.sector.instRun : u.sector.adminRun) : rng.pick(u.sector.projectCodes),
        amount: hundredths(amount),
      });
    }
  }

  // ---- Income per unit: each fund balances (X-29), and so does the unit (X-28).
  const sums = new Map<string, Record<LineField, number>>(units.map((u) => [u.code, Object.fromEntries(LINE_FIELDS.map((f) => [f, 0])) as Record<LineField, number>]));
  for (const r of basic) for (const [f, v] of Object.entries(lineAmounts.get(r)!)) sums.get(r.unit!)![f as LineField] += v ?? 0;
  for (const r of projectLines) for (const [f, v] of Object.entries(lineAmounts.get(r)!)) sums.get(projectUnit.get(r.project!)!.code)![f as LineField] += v ?? 0;
  const income: EntryRecord[] = [];
  const unitTotal = new Map<string, number>();
  const carried = (amount: number, p: number, share: number): number => (amount > 0 && rng.chance(p) ? Math.floor(amount * share * rng.next()) : 0);
  for (const u of units) {
    const s = sums.get(u.code)!;
    const rec: EntryRecord = { id: `inc-${u.code}`, unit: u.code };
    const set = (f: string, v: number) => {
      if (v > 0) rec[f] = hundredths(v);
    };
    const carryGpb = carried(s.gpb, 0.35, 0.15);
    const carryGfb = carried(s.gfb, 0.3, 0.3);
    const carrySoe = carried(s.soe, 0.3, 0.3);
    const carrySpecial = carried(s.special, 0.3, 0.3);
    const fromBiz = carried(s.biz, 0.3, 0.2);
    set('gpb', s.gpb - carryGpb);
    set('gfb', s.gfb - carryGfb);
    set('soe', s.soe - carrySoe);
    set('special', s.special - carrySpecial);
    set('biz', s.biz - fromBiz);
    for (const f of UNIT_FUNDS.slice(1)) set(f, s[f]);
    set('carryGpb', carryGpb);
    set('carryGfb', carryGfb);
    set('carrySoe', carrySoe);
    set('carrySpecial', carrySpecial);
    set('carryUnit', fromBiz + (carryByUnit.get(u.code) ?? 0));
    income.push(rec);
    unitTotal.set(u.code, LINE_FIELDS.reduce((a, f) => a + s[f], 0) + (carryByUnit.get(u.code) ?? 0));
  }

  // ---- 政府采购 per unit (well under the unit's income, S-5).
  const procurement: EntryRecord[] = [];
  for (const u of units) {
    if (unitCount > 2 && rng.chance(0.1)) continue;
    const total = unitTotal.get(u.code)!;
    const rec: EntryRecord = { id: `proc-${u.code}`, unit: u.code };
    const goods = Math.floor(total * 0.08 * rng.next());
    const services = Math.floor(total * 0.12 * rng.next());
    const works = rng.chance(0.3) ? Math.floor(total * 0.05 * rng.next()) : 0;
    if (goods > 0) rec['goods'] = hundredths(goods);
    if (works > 0) rec['works'] = hundredths(works);
    if (services > 0) rec['services'] = hundredths(services);
    procurement.push(rec);
  }

  // ---- 省对下转移支付 (about one per two units).
  const transfers: EntryRecord[] = [];
  const transferCount = Math.max(1, Math.round(unitCount / 2));
  for (let i = 0; i < transferCount; i++) {
    const rec: EntryRecord = { id: `t${String(i + 1).padStart(3, '0')}`, name: `${rng.pick(TRANSFER_TOPICS)}${rng.pick(['补助资金', '省级补助资金', '转移支付资金', '专项资金'])}` };
    const total = rng.amount(50, 50000);
    if (rng.chance(0.1)) rec['gfb'] = hundredths(total);
    else if (rng.chance(0.03)) rec['soe'] = hundredths(total);
    else rec['gpb'] = hundredths(total);
    transfers.push(rec);
  }

  // ---- Targets: one per project and per transfer (S-1, S-2); indicators spread over them.
  const targets: EntryRecord[] = [];
  for (const p of projects) {
    targets.push({
      id: `tg${String(targets.length + 1).padStart(4, '0')}`,
      project: p.id,
      code: p.code!,
      name: p.name!,
      goal: `保障${p.name!.replace(/(经费|项目|专项资金|补助经费|工作经费)$/, '')}工作按计划推进，年度任务完成率达到${rng.int(90, 100)}%以上，服务对象满意度不低于${rng.int(85, 95)}%。`,
    });
  }
  for (const t of transfers) {
    targets.push({
      id: `tg${String(targets.length + 1).padStart(4, '0')}`,
      transfer: t.id,
      code: `52000024P${String(targets.length + 1).padStart(12, '0')}`,
      name: t.name!,
      goal: `按规定及时下达${t.name!}，资金使用合规，项目实施地区服务能力和保障水平稳步提高。`,
    });
  }
  const indicatorsPerTarget = new Array<number>(targets.length).fill(0);
  if (indicatorCount >= targets.length) {
    indicatorsPerTarget.fill(1);
    for (let k = targets.length; k < indicatorCount; k++) indicatorsPerTarget[rng.int(0, targets.length - 1)]!++;
  } else {
    const order = rng.shuffle(targets.map((_, i) => i));
    for (let k = 0; k < indicatorCount; k++) indicatorsPerTarget[order[k]!]!++;
  }
  const indicators: EntryRecord[] = [];
  for (const [ti, t] of targets.entries()) {
    for (let k = 0; k < indicatorsPerTarget[ti]!; k++) {
      indicators.push({ id: `ind${String(indicators.length + 1).padStart(5, '0')}`, target: t.id, ...indicator(rng, k) });
    }
  }

  // ---- Prior-year 三公: around this year's figures.
  const sanGongPrior: EntryRecord[] = SAN_GONG_ITEMS.map(([item, econs], i) => {
    const rec: EntryRecord = { id: `sg${i + 1}`, item };
    for (const f of ['gpb', 'gfb', 'soe'] as const) {
      let now = 0;
      for (const r of [...basic, ...projectLines]) if ((econs as readonly string[]).includes(r.econ!)) now += lineAmounts.get(r)![f] ?? 0;
      const prior = now > 0 ? Math.round(now * (0.8 + 0.45 * rng.next())) : f === 'gpb' && rng.chance(0.5) ? rng.amount(1, 30) : 0;
      if (prior > 0) rec[f] = hundredths(prior);
    }
    return rec;
  });

  // ---- Catalogue additions: every used 7-digit code (and its 款) missing from the national list.
  const used = new Set<string>();
  for (const r of [...basic, ...projectLines, ...carryover]) used.add(r.func!);
  const extra = new Map<string, string>();
  for (const code of used) {
    for (const c of [code.slice(0, 3), code.slice(0, 5), code]) {
      if (NATIONAL_FUNCTIONAL.has(c)) continue;
      const name = names.get(c);
      if (!name) throw new Error(`no name for functional code ${c}`);
      extra.set(c, name);
    }
  }

  return {
    format: BOOK_FORMAT,
    formatVersion: BOOK_FORMAT_VERSION,
    template: { id: 'guizhou-budget-2024', version: 1 },
    department: { code: '261', name: '贵州省性能测试厅（生成数据）' },
    year: 2024,
    units: units.map(({ code, name, kind }) => ({ code, name, kind })),
    extraCodes: { functional: [...extra].sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, name]) => ({ code, name })) },
    data: { income, basic, projects, projectLines, carryover, sanGongPrior, procurement, transfers, targets, indicators },
  };
}

const LEVELS: [string, string, [string, string, string, string][]][] = [
  ['产出指标', '数量指标', [['完成项目数量', '≥', '个', '1-20'], ['服务人次', '≥', '人次', '100-50000'], ['培训人数', '≥', '人', '20-2000'], ['购置设备数量', '=', '台（套）', '1-50']]],
  ['产出指标', '质量指标', [['验收合格率', '≥', '%', '90-100'], ['数据准确率', '≥', '%', '95-100'], ['工作质量', '定性', '', '达到预期']]],
  ['产出指标', '时效指标', [['按时完成率', '≥', '%', '90-100'], ['资金支付及时率', '≥', '%', '90-100'], ['完成时限', '≤', '月', '6-12']]],
  ['产出指标', '成本指标', [['项目成本控制', '≤', '万元', '1-5000'], ['单位服务成本', '≤', '元', '10-500']]],
  ['效益指标', '经济效益指标', [['节约运行成本', '≥', '万元', '1-200']]],
  ['效益指标', '社会效益指标', [['服务能力提升', '定性', '', '有效提升'], ['群众获得感', '定性', '', '明显增强'], ['政策知晓率', '≥', '%', '80-100']]],
  ['效益指标', '生态效益指标', [['对环境的影响', '定性', '', '无不良影响']]],
  ['效益指标', '可持续影响指标', [['长效机制建设', '定性', '', '逐步完善'], ['系统持续运行', '≥', '年', '1-5']]],
  ['满意度指标', '满意度指标', [['服务对象满意度', '≥', '%', '85-98'], ['群众满意度', '≥', '%', '85-98']]],
];

function indicator(rng: Rng, k: number): Record<string, string> {
  const [level1, level2, list] = k === 0 ? LEVELS[0]! : rng.pick(LEVELS);
  const [name, symbol, measure, range] = rng.pick(list);
  let value = range;
  if (symbol !== '定性') {
    const [lo, hi] = range.split('-').map(Number) as [number, number];
    value = String(rng.int(lo, hi));
  }
  return { level1, level2, name, symbol, value, measure, note: `${name}${symbol === '定性' ? '' : `${symbol}${value}${measure}`}` };
}

// ---------------------------------------------------------------------------------------------------------------
// CLI
