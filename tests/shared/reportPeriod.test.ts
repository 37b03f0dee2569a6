import { describe, expect, it } from 'vitest';
import { nearestRank, percentile, rate } from '../../shared/reports/kpi';
import { monthStarts, periodRange, previousRange, weekStarts } from '../../shared/reports/period';
import { wallTimeToUtc } from '../../shared/time/zoned';

const SH = 'Asia/Shanghai';
const NY = 'America/New_York';
const at = (wall: string, zone = SH) => wallTimeToUtc(wall, zone)!;
const HOUR = 3_600_000;

describe('report periods', () => {
  it('this week, month and quarter hold today, in the viewer’s zone', () => {
    const wednesday = at('2026-03-04T12:00');
    expect(periodRange('week', wednesday, SH)).toEqual({ fromDate: '2026-03-02', toDate: '2026-03-08', start: at('2026-03-02T00:00'), end: at('2026-03-09T00:00') });
    expect(periodRange('month', at('2026-02-15T12:00'), SH)).toMatchObject({ fromDate: '2026-02-01', toDate: '2026-02-28' });
    expect(periodRange('quarter', at('2026-11-27T12:00'), SH)).toMatchObject({ fromDate: '2026-10-01', toDate: '2026-12-31' });
    // 2026-04-01 07:00 in Shanghai is still 31 March in New York.
    expect(periodRange('month', at('2026-04-01T07:00'), SH).fromDate).toBe('2026-04-01');
    expect(periodRange('month', at('2026-04-01T07:00'), NY).fromDate).toBe('2026-03-01');
  });

  it('the period before: the previous month or quarter, or as many days before a custom span', () => {
    const march = periodRange('month', at('2026-03-15T12:00'), SH);
    expect(previousRange('month', march, SH)).toMatchObject({ fromDate: '2026-02-01', toDate: '2026-02-28' });
    const q4 = periodRange('quarter', at('2026-11-27T12:00'), SH);
    expect(previousRange('quarter', q4, SH)).toMatchObject({ fromDate: '2026-07-01', toDate: '2026-09-30' });
    const q1 = periodRange('quarter', at('2026-02-01T12:00'), SH);
    expect(previousRange('quarter', q1, SH)).toMatchObject({ fromDate: '2025-10-01', toDate: '2025-12-31' });
    const week = periodRange('custom', 0, SH, { from: '2026-03-10', to: '2026-03-16' });
    expect(previousRange('custom', week, SH)).toMatchObject({ fromDate: '2026-03-03', toDate: '2026-03-09' });
    expect(() => periodRange('custom', 0, SH, { from: '2026-03-16', to: '2026-03-10' })).toThrow();
  });

  it('a DST change makes the month an hour shorter, and the next starts where it ends', () => {
    const march = periodRange('month', at('2026-03-15T12:00', NY), NY);
    expect(march.end - march.start).toBe(31 * 24 * HOUR - HOUR);
    expect(periodRange('month', at('2026-04-15T12:00', NY), NY).start).toBe(march.end);
  });

  it('weeks start on Monday; months are the local ones in the range', () => {
    const march = periodRange('month', at('2026-03-15T12:00'), SH);
    expect(weekStarts(march, SH).map((w) => w.date)).toEqual(['2026-02-23', '2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30']);
    const q1 = periodRange('quarter', at('2026-02-01T12:00'), NY);
    expect(monthStarts(q1, NY).map((m) => [m.month, m.start === at('2026-' + m.month.slice(5) + '-01T00:00', NY)])).toEqual([
      ['2026-01', true],
      ['2026-02', true],
      ['2026-03', true],
    ]);
  });
});

describe('KPI arithmetic', () => {
  it('nearest-rank percentiles and rates with nothing to divide by', () => {
    expect([nearestRank(5, 50), nearestRank(5, 90), nearestRank(1, 90), nearestRank(10, 90)]).toEqual([3, 5, 1, 9]);
    expect([percentile([2, 1, 1, 1, 1], 50), percentile([2, 1, 1, 1, 1], 90), percentile([], 50)]).toEqual([1, 2, null]);
    expect([rate(1, 4), rate(0, 0)]).toEqual([0.25, null]);
  });
});
