import { useLiveQuery } from 'dexie-react-hooks';
import { GRADE_RULES, suggestGrade } from '../../../shared/rules/gradeSuggestion';
import { formatMoney, minorDigits } from '../../../shared/rules/money';
import type { Company } from '../../../shared/schema/company';
import { useApp } from '../appContext';
import { useStages } from '../deal/useStages';
import { useSaveFields } from '../edit/useSaveFields';

const DAY = 86_400_000;

/** The suggested grade under the company's fields, with its reasons and a button to take it. */
export function GradeSuggestion({ company, writable }: { company: Company; writable: boolean }) {
  const { db, me, t, locale } = useApp();
  const stages = useStages();
  const save = useSaveFields('company', company);
  const currency = me.team.defaultCurrency;
  const facts = useLiveQuery(async () => {
    const lost = new Set(stages.filter((s) => s.kind === 'lost').map((s) => s.id));
    const deals = (await db.deal.where('companyId').equals(company.id).toArray()).filter((d) => d.deletedAt === null && !lost.has(d.stageId));
    const valueMinor = deals.filter((d) => d.currency === currency).reduce((sum, d) => sum + (d.amountMinor ?? 0), 0);
    const since = Date.now() - GRADE_RULES.windowDays * DAY;
    const activities = (await db.activity.where('companyId').equals(company.id).toArray()).filter((a) => a.deletedAt === null && a.occurredAt >= since).length;
    return { valueMinor, value: valueMinor / 10 ** minorDigits(currency), activities };
  }, [db, company.id, currency, stages]);
  if (!facts) return null;
  const grade = suggestGrade(facts);
  return (
    <p className="muted small" data-testid="grade-suggestion">
      {t('company.gradeSuggested', { grade, value: formatMoney(facts.valueMinor, currency, locale), activities: facts.activities, days: GRADE_RULES.windowDays })}{' '}
      {writable && company.grade !== grade && (
        <button type="button" className="link" onClick={() => void save({ grade })}>
          {t('company.gradeUse', { grade })}
        </button>
      )}
    </p>
  );
}
