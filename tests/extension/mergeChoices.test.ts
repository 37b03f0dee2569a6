import { describe, expect, it } from 'vitest';
import { defaultPicks, defaultSurvivor, differingFields, pickedFields } from '../../extension/features/merge/mergeChoices';

const zhang = { name: '张伟', title: '采购总监', companyId: 'C1', emails: ['zhangwei@yunqi-tech.cn'], phones: ['+8613800138000'] };
const dup = { name: '张伟', title: null, companyId: null, emails: ['zhang.wei@gmail.example', 'zhangwei@yunqi-tech.cn'], phones: ['+8613800138000'] };

describe('merge choices', () => {
  it('asks only about fields that differ', () => {
    expect(differingFields('contact', zhang, dup)).toEqual(['title', 'companyId', 'emails']);
    expect(differingFields('contact', zhang, zhang)).toEqual([]);
  });

  it('keeps both lists, fills what the survivor lacks, and otherwise keeps the survivor', () => {
    expect(defaultPicks('contact', zhang, dup)).toEqual({ title: 'survivor', companyId: 'survivor', emails: 'both' });
    expect(defaultPicks('contact', dup, zhang)).toEqual({ title: 'other', companyId: 'other', emails: 'both' });
  });

  it('sends only what changes on the survivor; both lists are joined without repeats, the survivor first', () => {
    expect(pickedFields('contact', zhang, dup, defaultPicks('contact', zhang, dup))).toEqual({ emails: ['zhangwei@yunqi-tech.cn', 'zhang.wei@gmail.example'] });
    expect(pickedFields('contact', dup, zhang, defaultPicks('contact', dup, zhang))).toEqual({ title: '采购总监', companyId: 'C1' });
    expect(pickedFields('contact', zhang, dup, { title: 'other', emails: 'survivor' })).toEqual({ title: null });
    expect(pickedFields('contact', zhang, zhang, {})).toEqual({});
  });

  it('keeps the older record by default', () => {
    const older = { id: 'A', createdAt: 1 };
    const newer = { id: 'B', createdAt: 2 };
    expect(defaultSurvivor(newer, older)).toEqual([older, newer]);
    expect(defaultSurvivor(older, newer)).toEqual([older, newer]);
  });

  it('companies: grade and industry by the same rules', () => {
    const a = { name: 'Contoso GmbH', grade: null, industry: 'Manufacturing', domain: 'contoso.example', website: null, phone: null, address: null };
    const b = { name: 'Contoso', grade: 'A', industry: 'Manufacturing', domain: 'contoso.example', website: 'https://contoso.example', phone: null, address: null };
    expect(pickedFields('company', a, b, defaultPicks('company', a, b))).toEqual({ grade: 'A', website: 'https://contoso.example' });
  });
});
