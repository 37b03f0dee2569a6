import { describe, expect, it } from 'vitest';
import { companyNameKey, domainKey, findDuplicates, phoneKey } from '../../shared/rules/dedup';

describe('dedup keys', () => {
  it.each([
    ['上海云启信息技术有限公司', '上海云启信息技术'],
    ['北京远航物流股份有限公司', '北京远航物流'],
    ['Acme, Inc.', 'acme'],
    ['ACME Inc', 'acme'],
    ['Contoso GmbH', 'contoso'],
    ['Northwind Traders Co., Ltd.', 'northwindtraders'],
    ['Hartwell & Co. Ltd', 'hartwell'],
    ['さくら商事株式会社', 'さくら商事'],
    ['Coinc', 'coinc'],
  ])('company name %j has key %j', (name, key) => {
    expect(companyNameKey(name)).toBe(key);
  });

  it('reduces domains and phones to what identifies them', () => {
    expect(domainKey('https://www.Example.com/about')).toBe('example.com');
    expect(domainKey('yunqi-tech.cn')).toBe('yunqi-tech.cn');
    expect(domainKey('')).toBeNull();
    expect(phoneKey('+8651266668888 ext. 302')).toBe('+8651266668888');
  });

  it('finds contacts by email or phone and companies by domain or name, ignoring deleted ones', () => {
    const contacts = [
      { id: 'a', emails: ['zhangwei@yunqi-tech.cn'], phones: ['+8613800138000'], deletedAt: null },
      { id: 'b', emails: ['other@x.cn'], phones: ['+8613800138000'], deletedAt: null },
      { id: 'c', emails: ['zhangwei@yunqi-tech.cn'], phones: [], deletedAt: 1 },
    ];
    const companies = [
      { id: 'k1', name: '上海云启信息技术有限公司', domain: null, website: 'https://www.yunqi-tech.cn', deletedAt: null },
      { id: 'k2', name: 'Yunqi', domain: 'other.cn', website: null, deletedAt: null },
    ];
    const found = findDuplicates({ emails: ['ZhangWei@Yunqi-Tech.cn'], phones: ['+8613800138000'], companyName: '上海云启信息技术', domain: 'yunqi-tech.cn' }, { contacts, companies });
    expect(found.contacts.map((m) => [m.record.id, m.reasons])).toEqual([
      ['a', ['email', 'phone']],
      ['b', ['phone']],
    ]);
    expect(found.companies.map((m) => [m.record.id, m.reasons])).toEqual([['k1', ['domain', 'name']]]);
  });
});
