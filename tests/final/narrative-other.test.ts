/**
 * 七, 八, 九(二), 十(二), 十(三) and 十一 of the 决算 narrative (final-accounts.md §5.2). Expected paragraphs are the
 * spec's seed sentences where it quotes them (七/八's 无数据 sentences, 十(二)'s 6.44 = 3.94 + 0 + 2.50 and 4.18 →
 * 64.91%, 十一's 7 forms and 42,682.10 万元), otherwise its template filled by hand with the reference book's figures
 * (公开09表: 预算 = 决算 = 0.46 公务接待费, everything else 0.00) and the typed values each test gives.
 */
import { describe, expect, it } from 'vitest';
import type { BookFile } from '../../shared/book/schema';
import { generateNarrative } from '../../shared/narrative/generate';
import { readJson, run } from '../support/books';

const book = readJson<BookFile>('examples/guizhou-health-office-2023-final.budget.json');

function part3(file: BookFile, text: Record<string, string>) {
  const doc = generateNarrative(run(file), text);
  const sections = doc.parts.find((p) => p.id === 'part3')!.sections;
  const paragraphs = (id: string) => sections.find((s) => s.id === id)!.paragraphs;
  return {
    doc,
    /** The printed paragraphs of a section. */
    texts: (id: string) => paragraphs(id).filter((p) => p.printed).map((p) => p.text),
    ids: (id: string) => paragraphs(id).map((p) => p.id),
  };
}

/** The reference book with 政府性基金 and 国有资本经营 money: 公开07表 and 公开08表 are no longer empty. */
function withFundsAndStateCapital(): BookFile {
  const copy = structuredClone(book);
  const data = copy.data as Record<string, Record<string, string>[]>;
  data['income']!.push({ id: 'gfbIn', func: '2101101', gfb: '100.00' });
  data['fundCarry'] = [{ id: 'gfbCarry', func: '2101101', amount: '20.00' }];
  data['spending']!.push(
    { id: 'gfbOut', func: '2101101', nature: '项目支出', gfb: '60.00' },
    { id: 'soeBasic', func: '2101501', nature: '基本支出', soe: '12.34' },
    { id: 'soeProject', func: '2101101', nature: '项目支出', soe: '5.00' },
  );
  return copy;
}

describe('七 and 八: the 无数据 sentence while 公开07表 / 公开08表 are all zero, their figures otherwise', () => {
  it('the reference book has neither: the seed sentences (N-10)', () => {
    const { texts } = part3(book, book.text ?? {});
    expect(texts('fund')).toEqual(['本单位2023年度没有政府性基金预算财政拨款收入，也没有使用政府性基金预算财政拨款安排的支出，故无数据情况说明。']);
    expect(texts('stateCapital')).toEqual(['本单位2023年度没有国有资本经营预算财政拨款安排的支出，故无数据情况说明。']);
  });

  it('with figures, the sentence of 公开07表 合计 and of 公开08表 合计 instead, and no 无数据 paragraph', () => {
    const { texts, ids } = part3(withFundsAndStateCapital(), book.text ?? {});
    // 公开07表 合计: 年初 20.00, 收入 100.00, 支出 60.00, 年末 20.00 + 100.00 − 60.00 = 60.00.
    expect(texts('fund')).toEqual(['2023年度政府性基金预算财政拨款年初结转和结余20.00万元，本年收入100.00万元，本年支出60.00万元，年末结转和结余60.00万元。']);
    // 公开08表 合计: 12.34 基本 + 5.00 项目 = 17.34.
    expect(texts('stateCapital')).toEqual(['2023年度国有资本经营预算财政拨款支出17.34万元，其中：基本支出12.34万元，项目支出5.00万元。']);
    expect([...ids('fund'), ...ids('stateCapital')]).toEqual(['part3.fund.text', 'part3.stateCapital.text']);
  });
});

describe('九(二): each 三公 item against its 预算 and the {prev} 决算, with the typed counts', () => {
  const typed = {
    'prior.sanGong.abroad': '0.00',
    'prior.sanGong.car': '0.00',
    'prior.sanGong.reception': '0.12',
    'reason.sanGong.reception': '接待检查工作增加',
    'sanGong.abroad.groups': '0',
    'sanGong.abroad.people': '0',
    'sanGong.car.bought': '0',
    'sanGong.car.held': '0',
    'sanGong.reception.domestic': '0.46',
    'sanGong.reception.domesticUse': '接待上级部门检查调研',
    'sanGong.reception.domesticBatches': '4',
    'sanGong.reception.domesticPeople': '26',
    'sanGong.reception.foreign': '0.00',
    'sanGong.reception.foreignBatches': '0',
    'sanGong.reception.foreignPeople': '0',
  };

  it('the reference book: 完成预算 only for 公务接待费 (预算 ≠ 0), 持平 where equal to {prev}', () => {
    // 公务接待费 0.46 / 0.46 = 100.00%; 0.46 − 0.12 = 0.34 above {prev}.
    expect(part3(book, typed).texts('sanGong').slice(1)).toEqual([
      '（二）1.因公出国（境）费 预算0.00万元，支出决算0.00万元；与上年决算数持平，无增减变动。全年使用财政拨款安排的出国（境）团组共计0个，累计0人次。',
      '2.公务用车购置及运行维护费 预算0.00万元，支出决算0.00万元；与上年决算数持平，无增减变动。其中：',
      '公务用车购置 支出0.00万元，购置0辆公务用车。',
      '公务用车运行维护费 0.00万元。截至2023年12月31日，开支财政拨款的公务用车保有量为0辆。',
      '3.公务接待费 预算0.46万元，支出决算0.46万元，完成预算的100.00%；较上年增加0.34万元。决算数较上年增加的主要原因是：接待检查工作增加。具体是：',
      '国内接待费 支出0.46万元，主要是：接待上级部门检查调研。2023年国内公务接待4批次、26人次。',
      '国（境）外接待费 支出0.00万元。2023年国（境）外公务接待0批次、0人次。',
    ]);
  });

  it('a budget not spent: 完成预算的0.00% and the decrease against {prev}, its reason asked for', () => {
    const copy = structuredClone(book);
    (copy.data as Record<string, Record<string, string>[]>)['sanGongBudget']![0]!['abroad'] = '1.00';
    const { texts, doc } = part3(copy, { ...typed, 'prior.sanGong.abroad': '0.50' });
    expect(texts('sanGong')[1]).toBe(
      '（二）1.因公出国（境）费 预算1.00万元，支出决算0.00万元，完成预算的0.00%；较上年减少0.50万元。决算数较上年减少的主要原因是：【待填写：因公出国（境）费决算数较上年增减变动的主要原因】。全年使用财政拨款安排的出国（境）团组共计0个，累计0人次。',
    );
    expect(doc.failures.filter((f) => f.key.startsWith('narrative:part3.sanGong.abroad:')).map((f) => [f.ruleId, f.column])).toEqual([
      ['N-17', '因公出国（境）费决算数较上年增减变动的主要原因'],
    ]);
  });

  it('without the typed values: a placeholder for each, the {prev} 决算 named with its year', () => {
    const abroad = part3(book, {}).texts('sanGong')[1];
    expect(abroad).toBe(
      '（二）1.因公出国（境）费 预算0.00万元，支出决算0.00万元；【待填写：2022年度因公出国（境）费决算数】。全年使用财政拨款安排的出国（境）团组共计【待填写：全年使用财政拨款安排的出国（境）团组数（个）】个，累计【待填写：出国（境）团组累计人次】人次。',
    );
  });
});

describe('十: 机关运行经费, 政府采购 and 国有资产占用情况', () => {
  it('（二）政府采购 from the reference book’s texts: the seed’s figures; 小微企业 not given, so asked for', () => {
    // 4.18 / 6.44 = 64.9068…% → 64.91% (N-14); 6.44 = 3.94 + 0.00 + 2.50.
    expect(part3(book, book.text ?? {}).texts('other')[1]).toBe(
      '（二）2023年度政府采购支出总额6.44万元，其中：政府采购货物支出3.94万元、政府采购工程支出0.00万元、政府采购服务支出2.50万元；授予中小企业合同金额4.18万元，占政府采购支出总额的64.91%，其中：授予小微企业合同金额【待填写：授予小微企业合同金额】万元，占政府采购支出总额的【待填写：授予小微企业合同金额】%。',
    );
    // 1.00 / 6.44 = 15.5279…% → 15.53%.
    expect(part3(book, { ...book.text, 'procurement.small': '1.00' }).texts('other')[1]).toMatch(/授予小微企业合同金额1\.00万元，占政府采购支出总额的15\.53%。$/);
  });

  it('（一）机关运行经费 keeps its sentence; （三）国有资产 prints the typed counts', () => {
    const counts = {
      'assets.vehicles': '3',
      'assets.vehicles.leaders': '0',
      'assets.vehicles.principal': '0',
      'assets.vehicles.confidential': '1',
      'assets.vehicles.emergency': '0',
      'assets.vehicles.enforcement': '0',
      'assets.vehicles.special': '0',
      'assets.vehicles.retired': '1',
      'assets.vehicles.other': '1',
      'assets.equipment': '2',
    };
    const { texts } = part3(book, { ...book.text, 'reason.running': '厉行节约', ...counts });
    expect(texts('other')[0]).toBe('（一）2023年度机关运行经费支出77.14万元。与2022年度相比，减少1.28万元，下降1.63%，主要原因是：厉行节约。');
    expect(texts('other')[2]).toBe(
      '（三）截至2023年12月31日，共有车辆3辆，其中：副部（省）级及以上领导用车0辆、主要领导干部用车0辆、机要通信用车1辆、应急保障用车0辆、执法执勤用车0辆、特种专业技术用车0辆、离退休干部用车1辆、其他用车1辆；单价100万元（含）以上设备（不含车辆）2台（套）。',
    );
  });
});

describe('十一: the 自评 forms counted and their 全年预算数 in 万元, then the officer’s wording or the default', () => {
  it('the seed’s figures: 7 forms, 426,821,000 元 = 42,682.10 万元, 100.00% (N-15); no 重点项目 evaluation', () => {
    const { texts, ids } = part3(book, { ...book.text, 'performance.annex': '项目支出绩效目标自评表' });
    expect(texts('performance')).toEqual([
      '（一）根据财政预算绩效管理要求，我单位组织对2023年度项目支出开展了绩效自评工作，共计7个项目进行了绩效自评，涉及资金42,682.10万元，自评覆盖率达到100.00%。',
      '（二）项目自评详见附件（项目支出绩效目标自评表）。',
      '（三）2023年度，我单位未开展重点项目绩效评价工作，故无项目绩效评价结果说明。',
    ]);
    // The officer's field is offered (not printed) next to the default wording.
    expect(ids('performance')).toEqual([
      'part3.performance.selfEvaluation',
      'part3.performance.annex',
      'part3.performance.noEvaluation',
      'part3.performance.evaluation',
    ]);
  });

  it('a typed evaluation replaces the default wording', () => {
    const evaluation = '2023年度，我单位对医疗保障业务经费开展了重点项目绩效评价，评价结果为优。';
    const { texts, ids } = part3(book, { ...book.text, 'performance.evaluation': evaluation });
    expect(texts('performance')[2]).toBe(`（三）${evaluation}`);
    expect(ids('performance')).not.toContain('part3.performance.noEvaluation');
  });

  it('a form more counts one more project and adds its 全年预算数', () => {
    const copy = structuredClone(book);
    const data = copy.data as Record<string, Record<string, string>[]>;
    data['evalProjects']!.push({ id: 'p8', name: '新增项目' });
    data['evalFunds']!.push({ id: 'f99', project: 'p8', source: '本级安排', plan: '1234567.89' });
    // 426,821,000 + 1,234,567.89 = 428,055,567.89 元 = 42,805.556789 万元 → 42,805.56.
    expect(part3(copy, book.text ?? {}).texts('performance')[0]).toContain('共计8个项目进行了绩效自评，涉及资金42,805.56万元');
  });
});
