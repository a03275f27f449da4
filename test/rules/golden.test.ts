// Golden routing cases through the real seeded rule set (rules/ruleset.json), the rule-set
// validator, and the referential integrity of the seed data the rules point at. A change to the
// rules that moves a report to another unit or deadline must show up here as a failing row.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { staffRoles } from '../../domain/roles';
import { formatDuration } from '../../domain/sla';
import {
  decideRoute,
  noCategorySlas,
  validateRuleSet,
  type RoutingDecision,
  type RoutingFacts,
  type RuleSet,
} from '../../rules/evaluate';

const readJson = (path: string): unknown => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const rawRuleSet = readJson('../../rules/ruleset.json');
const ruleSet = validateRuleSet(rawRuleSet);

interface Unit {
  code: string;
  name_vi: string;
  name_en: string;
  type: string;
  parent_code: string | null;
  head_phone: string | null;
  valid_to?: string;
  successor_code?: string;
  source: string;
}
const units = readJson('../../db/seed/units.json') as Unit[];
const categories = readJson('../../db/seed/categories.json') as { code: string; kind: string; name_vi: string }[];
const staff = readJson('../../db/seed/staff.json') as { id: string; role: string; unit_code: string; phone: string }[];

const facts = (
  categoryCode: string,
  wardCode: string | null,
  description = '',
  more: Partial<RoutingFacts> = {},
): RoutingFacts => ({
  categoryCode,
  wardCode,
  description,
  channel: 'web',
  reporterType: 'citizen',
  categoryKind: categories.find((c) => c.code === categoryCode)?.kind === 'complaint' ? 'complaint' : 'feedback',
  ...more,
});

/** A decision flattened to what a reader checks: unit, priority, clocks, rule. */
function summary(d: RoutingDecision): string {
  if (d.kind === 'triage') return 'triage';
  if (d.kind === 'reject') return `reject by "${d.ruleName}"`;
  return `${d.unitCode} ${d.priority} accept ${formatDuration(d.sla.accept)} resolve ${formatDuration(d.sla.resolve)} by "${d.ruleName}"`;
}

const urgentFlood = 'urgent accept 1 working_hours resolve 2 working_days';
const hazard = 'urgent accept 1 hours resolve 1 working_days';
// [case, facts, units that already declined it, expected summary]
const golden: [string, RoutingFacts, string[], string][] = [
  [
    'complaint is refused with guidance',
    facts('COMPLAINT', 'P-SAIGON', 'Tôi khiếu nại quyết định xử phạt'),
    [],
    'reject by "complaints and denunciations are refused with guidance"',
  ],
  [
    'complaint is refused even when units are excluded',
    facts('COMPLAINT', null),
    ['P-SAIGON'],
    'reject by "complaints and denunciations are refused with guidance"',
  ],
  [
    'flooding in Côn Đảo goes to the special zone',
    facts('FLOOD', 'DK-CONDAO'),
    [],
    `DK-CONDAO ${urgentFlood} by "flooding in Con Dao goes to the special zone"`,
  ],
  [
    'flooding in a ward goes to drainage',
    facts('FLOOD', 'P-SAIGON'),
    [],
    `TNDT ${urgentFlood} by "flooding goes to the drainage company"`,
  ],
  [
    'flooding without a ward goes to drainage',
    facts('FLOOD', null),
    [],
    `TNDT ${urgentFlood} by "flooding goes to the drainage company"`,
  ],
  [
    'flooding declined by drainage falls to the ward ($ward)',
    facts('FLOOD', 'P-SAIGON'),
    ['TNDT'],
    `P-SAIGON ${urgentFlood} by "flooding falls back to the ward"`,
  ],
  [
    'flooding in former Bà Rịa – Vũng Tàu goes to the ward',
    facts('FLOOD', 'P-VUNGTAU'),
    [],
    `P-VUNGTAU ${urgentFlood} by "flooding falls back to the ward"`,
  ],
  ['flooding in Côn Đảo declined by the zone goes to triage', facts('FLOOD', 'DK-CONDAO'), ['DK-CONDAO'], 'triage'],
  [
    'flooding without a ward declined by drainage goes to triage ($ward unresolvable)',
    facts('FLOOD', null),
    ['TNDT'],
    'triage',
  ],
  [
    'streetlight goes to the lighting company',
    facts('STREETLIGHT', 'P-BENTHANH'),
    [],
    'SAPULICO normal accept 8 working_hours resolve 3 working_days by "broken street lights go to the lighting company"',
  ],
  [
    'streetlight declined by the lighting company falls to the ward',
    facts('STREETLIGHT', 'P-BENTHANH'),
    ['SAPULICO'],
    'P-BENTHANH normal accept 8 working_hours resolve 3 working_days by "street lights fall back to the ward"',
  ],
  [
    'water goes to SAWACO',
    facts('WATER', 'P-TANDINH'),
    [],
    'SAWACO high accept 4 working_hours resolve 3 working_days by "water supply goes to SAWACO"',
  ],
  [
    'water without a ward goes to SAWACO',
    facts('WATER', null),
    [],
    'SAWACO high accept 4 working_hours resolve 3 working_days by "water supply goes to SAWACO"',
  ],
  ['water in former Bình Dương is unmatched: triage', facts('WATER', 'P-THUDAUMOT'), [], 'triage'],
  [
    'fallen power line is urgent',
    facts('POWER', 'P-NHIEULOC', 'Dây điện đứt rơi xuống đường, rất nguy hiểm'),
    [],
    `EVNHCMC ${hazard} by "dangerous power faults are urgent"`,
  ],
  [
    'fallen power line typed without diacritics is urgent',
    facts('POWER', null, 'Mat dien, DAY DIEN DUT truoc nha so 5'),
    [],
    `EVNHCMC ${hazard} by "dangerous power faults are urgent"`,
  ],
  [
    '"chạy" is not "cháy": ordinary power issue',
    facts('POWER', 'P-NHIEULOC', 'Điện chạy chập chờn cả buổi tối'),
    [],
    'EVNHCMC high accept 4 working_hours resolve 3 working_days by "power goes to EVN"',
  ],
  [
    'traffic light goes to Sở Xây dựng',
    facts('TRAFFIC', 'P-TANBINH', 'Đèn tín hiệu ngã tư không hoạt động'),
    [],
    'SXD high accept 4 working_hours resolve 3 working_days by "traffic lights go to the construction department"',
  ],
  ['traffic light declined by Sở Xây dựng goes to triage', facts('TRAFFIC', 'P-TANBINH'), ['SXD'], 'triage'],
  [
    'pothole in an alley goes to the ward',
    facts('ROAD', 'P-GOVAP', 'Ổ gà lớn trong hẻm 123 Quang Trung'),
    [],
    'P-GOVAP normal accept 8 working_hours resolve 5 working_days by "damaged alleys go to the ward"',
  ],
  [
    'pothole on a street goes to Sở Xây dựng',
    facts('ROAD', 'P-GOVAP', 'Ổ gà trên đường Quang Trung'),
    [],
    'SXD normal accept 8 working_hours resolve 10 working_days by "road damage goes to the construction department"',
  ],
  [
    'alley without a ward goes to Sở Xây dựng',
    facts('ROAD', null, 'Ổ gà trong hẻm'),
    [],
    'SXD normal accept 8 working_hours resolve 10 working_days by "road damage goes to the construction department"',
  ],
  [
    'alley declined by the ward falls to Sở Xây dựng',
    facts('ROAD', 'P-GOVAP', 'hẻm 5 bị sụt lún'),
    ['P-GOVAP'],
    'SXD normal accept 8 working_hours resolve 10 working_days by "road damage goes to the construction department"',
  ],
  [
    'waste in a ward goes to the ward',
    facts('WASTE', 'P-BINHTHANH'),
    [],
    'P-BINHTHANH normal accept 8 working_hours resolve 3 working_days by "waste in a ward goes to the ward"',
  ],
  [
    'waste without a ward goes to SNNMT',
    facts('WASTE', null),
    [],
    'SNNMT normal accept 8 working_hours resolve 10 working_days by "waste falls back to the agriculture and environment department"',
  ],
  [
    'waste declined by the ward falls to SNNMT',
    facts('WASTE', 'P-BINHTHANH'),
    ['P-BINHTHANH'],
    'SNNMT normal accept 8 working_hours resolve 10 working_days by "waste falls back to the agriculture and environment department"',
  ],
  [
    'pavement encroachment goes to the commune',
    facts('URBAN_ORDER', 'X-CUCHI'),
    [],
    'X-CUCHI normal accept 8 working_hours resolve 5 working_days by "urban order goes to the ward"',
  ],
  ['pavement encroachment without a ward: triage', facts('URBAN_ORDER', null), [], 'triage'],
  [
    'karaoke noise goes to the ward',
    facts('NOISE', 'P-GIADINH', 'Karaoke ồn ào sau 22 giờ'),
    [],
    'P-GIADINH high accept 4 working_hours resolve 3 working_days by "noise goes to the ward"',
  ],
  ['noise without a ward: triage', facts('NOISE', null), [], 'triage'],
  [
    'unlicensed building goes to the ward',
    facts('CONSTRUCTION', 'P-PHUNHUAN'),
    [],
    'P-PHUNHUAN normal accept 8 working_hours resolve 10 working_days by "unlicensed construction goes to the ward"',
  ],
  [
    'unlicensed building without a ward goes to Sở Xây dựng',
    facts('CONSTRUCTION', null),
    [],
    'SXD normal accept 8 working_hours resolve 10 working_days by "construction falls back to the construction department"',
  ],
  [
    'food poisoning goes to Sở An toàn thực phẩm',
    facts('FOOD_SAFETY', 'P-CHOLON', 'Cả nhà bị ngộ độc sau khi ăn bánh mì'),
    [],
    `SATTP ${hazard} by "suspected food poisoning goes to the food safety department"`,
  ],
  [
    'unhygienic eatery goes to the ward',
    facts('FOOD_SAFETY', 'P-CHOLON', 'Quán ăn mất vệ sinh'),
    [],
    'P-CHOLON high accept 8 working_hours resolve 5 working_days by "food safety in a ward goes to the ward"',
  ],
  [
    'food safety without a ward goes to Sở An toàn thực phẩm',
    facts('FOOD_SAFETY', null),
    [],
    'SATTP normal accept 8 working_hours resolve 10 working_days by "food safety falls back to the food safety department"',
  ],
  [
    'stuck procedure in a ward goes to the ward',
    facts('ADMIN_PROCEDURE', 'P-THUDUC'),
    [],
    'P-THUDUC normal accept 8 working_hours resolve 10 working_days by "administrative procedures in a ward go to the ward"',
  ],
  [
    'stuck procedure without a ward: triage',
    facts('ADMIN_PROCEDURE', null, 'Hồ sơ trễ hẹn', { reporterType: 'business', channel: 'hotline' }),
    [],
    'triage',
  ],
  [
    'fallen tree is urgent',
    facts('TREES', 'P-BANCO', 'Cây ngã đổ chắn ngang đường'),
    [],
    `CVCX ${hazard} by "fallen trees are urgent"`,
  ],
  [
    'diseased tree goes to the trees company',
    facts('TREES', 'P-BANCO', 'Cây sâu bệnh'),
    [],
    'CVCX normal accept 8 working_hours resolve 5 working_days by "street trees go to the parks and trees company"',
  ],
  [
    'fallen tree in former Bà Rịa – Vũng Tàu goes to the ward',
    facts('TREES', 'P-VUNGTAU', 'cây ngã đổ'),
    [],
    'P-VUNGTAU normal accept 8 working_hours resolve 5 working_days by "street trees in the former provinces go to the ward"',
  ],
  [
    'security goes to the city police',
    facts('SECURITY', 'P-BINHTAN', 'Tụ tập đua xe'),
    [],
    'CATP high accept 2 working_hours resolve 5 working_days by "public security goes to the city police"',
  ],
  ['"other" never matches: triage', facts('OTHER', 'P-SAIGON'), [], 'triage'],
  ['unknown category and ward mix: triage', facts('UNKNOWN', 'P-XYZ'), [], 'triage'],
];

describe('golden routing through rules/ruleset.json', () => {
  it.each(golden)('%s', async (_name, input, excluded, expected) => {
    const decision = await decideRoute(ruleSet, input, excluded, noCategorySlas);
    expect(summary(decision)).toBe(expected);
    expect(decision.ruleVersion).toBe(1);
  });

  it('the golden table exercises every rule in the file', () => {
    const used = new Set(golden.map(([, , , expected]) => /by "(.*)"$/.exec(expected)?.[1]).filter(Boolean));
    expect(ruleSet.rules.map((r) => r.name).filter((name) => !used.has(name))).toEqual([]);
  });

  it('the reject decision carries the guidance in both languages', async () => {
    const decision = await decideRoute(ruleSet, facts('COMPLAINT', null), [], noCategorySlas);
    expect(decision).toMatchObject({ kind: 'reject', ruleVersion: 1 });
    if (decision.kind !== 'reject') throw new Error('expected a reject');
    expect(decision.reasonVi).toContain('Luật Khiếu nại');
    expect(decision.reasonVi).toContain('Luật Tố cáo');
    expect(decision.reasonEn).toContain('Law on Denunciations 2018');
  });

  it('concurrent decisions agree with sequential ones (fresh engine per call)', async () => {
    const inputs = Array.from({ length: 8 }, () => golden).flat();
    const together = await Promise.all(
      inputs.map(([, input, excluded]) => decideRoute(ruleSet, input, excluded, noCategorySlas)),
    );
    expect(together.map(summary)).toEqual(inputs.map(([, , , expected]) => expected));
  });

  it('picks the highest priority, then the first in the file', async () => {
    const cond = { all: [{ fact: 'categoryCode', operator: 'equal', value: 'X' }] };
    const small = validateRuleSet({
      version: 7,
      defaults: { priority: 'low', sla: { accept: '1 hours', resolve: '2 calendar_days' } },
      rules: [
        { name: 'first', priority: 5, conditions: cond, event: { type: 'route', params: { unitCode: 'A' } } },
        { name: 'second', priority: 5, conditions: cond, event: { type: 'route', params: { unitCode: 'B' } } },
        {
          name: 'low',
          priority: 1,
          conditions: cond,
          event: { type: 'route', params: { unitCode: 'C', sla: { resolve: '3 minutes' } } },
        },
      ],
    });
    expect(summary(await decideRoute(small, facts('X', null), [], noCategorySlas))).toBe(
      'A low accept 1 hours resolve 2 calendar_days by "first"',
    );
    expect(summary(await decideRoute(small, facts('X', null), ['A'], noCategorySlas))).toBe(
      'B low accept 1 hours resolve 2 calendar_days by "second"',
    );
    expect(summary(await decideRoute(small, facts('X', null), ['A', 'B'], noCategorySlas))).toBe(
      'C low accept 1 hours resolve 3 minutes by "low"',
    );
    expect(await decideRoute(small, facts('X', null), ['A', 'B', 'C'], noCategorySlas)).toEqual({
      kind: 'triage',
      ruleVersion: 7,
    });
  });
});

describe('validateRuleSet', () => {
  const clone = (): { rules: Record<string, any>[] } & Record<string, any> => JSON.parse(JSON.stringify(rawRuleSet));
  const broken = (mutate: (r: ReturnType<typeof clone>) => void) => {
    const r = clone();
    mutate(r);
    return () => validateRuleSet(r);
  };

  it('accepts the seeded rule set', () => {
    expect(validateRuleSet(rawRuleSet).rules.length).toBe(26);
  });
  it('refuses an unknown event type, naming the rule', () => {
    expect(
      broken((r) => {
        r.rules[2]!.event.type = 'escalate';
      }),
    ).toThrow('rule "flooding goes to the drainage company" event.type: unknown event type "escalate"');
  });
  it('refuses a bad duration, naming the rule and clock', () => {
    expect(
      broken((r) => {
        r.rules[2]!.event.params.sla.accept = '1 fortnight';
      }),
    ).toThrow(
      /rule "flooding goes to the drainage company" event\.params\.sla\.accept: invalid duration "1 fortnight"/,
    );
    expect(
      broken((r) => {
        r.rules[2]!.event.params.sla.resolve = 'soon';
      }),
    ).toThrow(/sla\.resolve: invalid duration "soon"/);
    expect(
      broken((r) => {
        r.defaults.sla.accept = '8 workinghours';
      }),
    ).toThrow(/defaults\.sla\.accept: invalid duration/);
  });
  it('refuses a route without unitCode', () => {
    expect(
      broken((r) => {
        delete r.rules[4]!.event.params.unitCode;
      }),
    ).toThrow('rule "broken street lights go to the lighting company" event.params.unitCode: missing unitCode');
  });
  it('refuses duplicate rule names', () => {
    expect(
      broken((r) => {
        r.rules[5]!.name = r.rules[4]!.name;
      }),
    ).toThrow('rule "broken street lights go to the lighting company": duplicate rule name');
  });
  it('refuses unknown facts, operators, priorities and empty reject reasons', () => {
    expect(
      broken((r) => {
        r.rules[4]!.conditions.all[0].fact = 'category';
      }),
    ).toThrow(/conditions\.all\[0\]\.fact: unknown fact "category"/);
    expect(
      broken((r) => {
        r.rules[4]!.conditions.all[0].operator = 'equals';
      }),
    ).toThrow(/unknown operator "equals"/);
    expect(
      broken((r) => {
        r.rules[4]!.event.params.priority = 'critical';
      }),
    ).toThrow(/event\.params\.priority: must be one of/);
    expect(
      broken((r) => {
        r.rules[4]!.priority = 0;
      }),
    ).toThrow(/priority: must be an integer >= 1/);
    expect(
      broken((r) => {
        r.rules[0]!.event.params.reasonEn = '';
      }),
    ).toThrow(/reject needs reasonVi and reasonEn/);
    expect(
      broken((r) => {
        r.version = 0;
      }),
    ).toThrow(/version: must be a positive integer/);
    expect(() => validateRuleSet(null)).toThrow(/rule set: must be an object/);
  });
});

describe('seed data integrity', () => {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const current = units.filter((u) => !u.valid_to);
  const communeLevel = current.filter((u) => ['ward', 'commune', 'special_zone'].includes(u.type));
  const conditionValues = (fact: string): unknown[] => {
    const out: unknown[] = [];
    const walk = (node: any): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (node && typeof node === 'object') {
        if (node.fact === fact && node.value !== null) out.push(...[node.value].flat());
        Object.values(node).forEach(walk);
      }
    };
    walk((ruleSet as RuleSet).rules.map((r) => r.conditions));
    return out;
  };

  it('every unitCode in the rule set is a current unit (or $ward)', () => {
    const codes = ruleSet.rules.flatMap((r) => (r.event.type === 'route' ? [r.event.params.unitCode] : []));
    expect(codes.filter((c) => c !== '$ward' && !current.some((u) => u.code === c))).toEqual([]);
  });
  it('every categoryCode and wardCode in the conditions exists', () => {
    expect(conditionValues('categoryCode').filter((c) => !categories.some((k) => k.code === c))).toEqual([]);
    expect(conditionValues('wardCode').filter((w) => !communeLevel.some((u) => u.code === w))).toEqual([]);
  });
  it('the unit tree is rooted at HCM and every parent and successor exists', () => {
    expect(units.filter((u) => u.parent_code === null).map((u) => u.code)).toEqual(['HCM']);
    expect(units.filter((u) => u.parent_code !== null && !byCode.has(u.parent_code)).map((u) => u.code)).toEqual([]);
    expect(
      units.filter((u) => u.successor_code && byCode.get(u.successor_code)?.valid_to !== undefined).map((u) => u.code),
    ).toEqual([]);
    expect(new Set(units.map((u) => u.code)).size).toBe(units.length);
    expect(units.every((u) => /^[A-Z0-9-]+$/.test(u.code) && u.source.length > 0)).toBe(true);
    expect(current.every((u) => u.head_phone !== null && /^\+849\d{8}$/.test(u.head_phone))).toBe(true);
  });
  it('has the post-2025 slice the design asks for', () => {
    expect(byCode.get('HCM-TT1022')?.type).toBe('coordinator');
    expect(current.filter((u) => u.type === 'department').length).toBeGreaterThanOrEqual(6);
    expect(current.filter((u) => u.type === 'utility').length).toBeGreaterThanOrEqual(3);
    expect(communeLevel.length).toBeGreaterThanOrEqual(20);
    expect(communeLevel.filter((u) => u.type === 'special_zone').map((u) => u.code)).toEqual(['DK-CONDAO']);
    expect(communeLevel.every((u) => u.source.includes('1685/NQ-UBTVQH15'))).toBe(true);
  });
  it('has at least 12 categories, exactly one of them a complaint', () => {
    expect(categories.length).toBeGreaterThanOrEqual(12);
    expect(categories.filter((c) => c.kind === 'complaint').map((c) => c.code)).toEqual(['COMPLAINT']);
  });
  it('every staff member belongs to an existing current unit, and every role is present', () => {
    expect(staff.filter((s) => !current.some((u) => u.code === s.unit_code)).map((s) => s.id)).toEqual([]);
    expect([...new Set(staff.map((s) => s.role))].sort()).toEqual([...staffRoles].sort());
    expect(new Set(staff.map((s) => s.id)).size).toBe(staff.length);
    expect(staff.every((s) => /^\+849\d{8}$/.test(s.phone))).toBe(true);
  });
});
