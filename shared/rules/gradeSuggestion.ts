import type { Grade } from '../schema/company';

/**
 * A suggested A/B/C grade for a company from what it is worth and how much is going on: the
 * amount of its open and won deals in the team's currency (deals in other currencies are not
 * converted, so they do not count) and the activities logged with it in the last 90 days. The
 * rep sets the grade; this only proposes one, with its reasons.
 *
 * A: 500,000 or more, or 100,000 or more with at least 10 activities.
 * B: 50,000 or more, or at least 5 activities.
 * C: otherwise.
 */
export const GRADE_RULES = { aValue: 500_000, aValueWithActivity: 100_000, aActivities: 10, bValue: 50_000, bActivities: 5, windowDays: 90 } as const;

export interface GradeFacts {
  /** Sum of open and won deal amounts, in major units of the team's currency. */
  value: number;
  /** Activities logged with the company, its people or its deals in the window. */
  activities: number;
}

export function suggestGrade({ value, activities }: GradeFacts): Grade {
  if (value >= GRADE_RULES.aValue || (value >= GRADE_RULES.aValueWithActivity && activities >= GRADE_RULES.aActivities)) return 'A';
  if (value >= GRADE_RULES.bValue || activities >= GRADE_RULES.bActivities) return 'B';
  return 'C';
}
