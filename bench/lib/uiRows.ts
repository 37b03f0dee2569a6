/**
 * A team-sized cache for bench:ui: contacts with Chinese and Latin names, emails and mobile
 * numbers, companies with legal suffixes, and deals. Deterministic (seeded), so runs compare.
 */
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红鹏林斌宇浩凯琳晨欣怡子涵梓萱一诺雨桐思远嘉怡俊杰'];
const LATIN_FIRST = ['Anna', 'Ben', 'Chloe', 'David', 'Emma', 'Felix', 'Grace', 'Hugo', 'Iris', 'Jonas', 'Klara', 'Liam', 'Mia', 'Noah', 'Olivia', 'Paul', 'Sofia', 'Tom'];
const LATIN_LAST = ['Müller', 'Schmidt', 'Smith', 'Johnson', 'Dubois', 'Rossi', 'García', 'Novak', 'Jensen', 'Kowalski', 'Tanaka', 'Silva', 'Wilson', 'Brown'];
const CITIES = ['上海', '北京', '深圳', '杭州', '苏州', '成都', '武汉', '南京', '广州', '西安'];
const TRADES = ['云启', '远航', '星火', '恒通', '华信', '天成', '博远', '金桥', '瑞丰', '中科', '智联', '海纳'];
const KINDS = ['信息技术', '物流', '制造', '贸易', '科技', '医疗器械', '新材料'];
const LATIN_CO = ['Acme', 'Contoso', 'Northwind', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Tyrell', 'Hooli'];
const SUFFIX = ['有限公司', '股份有限公司', 'GmbH', 'Inc.', 'Co., Ltd.', 'AG', 'Ltd'];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export interface UiRowCounts {
  contacts: number;
  companies: number;
  deals: number;
}

/** Rows as the server sends them (ids are ULID-shaped and increasing), owned by `owners`. */
export function generateUiRows(counts: UiRowCounts, teamId: string, owners: string[], now: number) {
  const random = rng(20261127);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  let seq = 0;
  const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const id = () => `01KB${[...(seq++).toString(32).padStart(22, '0')].map((d) => CROCKFORD[parseInt(d, 32)]).join('')}`;
  const meta = () => ({ id: id(), teamId, ownerId: pick(owners), createdAt: now, updatedAt: now - Math.floor(random() * 1e9), deletedAt: null, version: seq });
  const companies = Array.from({ length: counts.companies }, (_, i) => {
    const latin = random() < 0.3;
    const name = latin ? `${pick(LATIN_CO)} ${pick(['Systems', 'Logistics', 'Labs', 'Trading'])} ${i} ${pick(SUFFIX.slice(2))}` : `${pick(CITIES)}${pick(TRADES)}${pick(KINDS)}${i}${pick(SUFFIX.slice(0, 2))}`;
    return { ...meta(), name, domain: latin ? `co${i}.example.com` : `cn${i}.example.cn`, website: null, phone: null, address: null, industry: null, grade: pick(['A', 'B', 'C', null]) };
  });
  const contacts = Array.from({ length: counts.contacts }, (_, i) => {
    const latin = random() < 0.25;
    const name = latin ? `${pick(LATIN_FIRST)} ${pick(LATIN_LAST)}` : `${pick(SURNAMES)}${pick(GIVEN)}${random() < 0.5 ? pick(GIVEN) : ''}`;
    const mobile = `+861${3 + Math.floor(random() * 6)}${String(Math.floor(random() * 1e9)).padStart(9, '0')}`;
    return {
      ...meta(),
      name,
      emails: [`user${i}@${latin ? 'example.com' : 'example.cn'}`],
      phones: [mobile],
      title: pick(['采购经理', '总经理', 'CTO', 'Buyer', '销售总监', null]),
      companyId: companies.length ? companies[Math.floor(random() * companies.length)]!.id : null,
      source: 'manual',
      sourceUrl: null,
    };
  });
  const deals = Array.from({ length: counts.deals }, (_, i) => {
    const company = companies[Math.floor(random() * companies.length)]!;
    return {
      ...meta(),
      title: `${company.name.slice(0, 12)} 项目 ${i}`,
      companyId: company.id,
      contactId: contacts[Math.floor(random() * contacts.length)]!.id,
      stageId: pick(['lead', 'first_visit', 'needs', 'proposal', 'quote']),
      amountMinor: Math.floor(random() * 1e8),
      currency: 'CNY',
      expectedCloseAt: null,
      lostReason: null,
    };
  });
  return { companies, contacts, deals };
}
