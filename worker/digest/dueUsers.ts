import { localDate, localHour } from '../../shared/time/zoned';
import type { Locale } from '../../shared/schema/primitives';
import type { Role } from '../../shared/schema/team';
import { users } from '../db/schema';

export interface DigestUser {
  id: string;
  teamId: string;
  email: string;
  name: string;
  role: Role;
  locale: Locale;
  timeZone: string;
  digestHour: number;
}

/** The user columns a digest needs, read alike by the cron and by "send me today's digest now". */
export const digestUserColumns = {
  id: users.id,
  teamId: users.teamId,
  email: users.email,
  name: users.name,
  role: users.role,
  locale: users.locale,
  timeZone: users.timeZone,
  digestHour: users.digestHour,
};

export type DueUser = DigestUser & { localDate: string };

/**
 * Users whose local clock has reached their digest hour today, with that local date. A run
 * that was missed is caught up by the next one (the hour has passed, the date is the same);
 * on a day whose digest hour does not exist (a DST jump) the clock passes it all the same, and
 * on a day where it happens twice the claim on (user, date) lets only one digest out.
 */
export function dueUsers(users: DigestUser[], now: number): DueUser[] {
  const due: DueUser[] = [];
  for (const user of users) {
    if (localHour(now, user.timeZone) >= user.digestHour) due.push({ ...user, localDate: localDate(now, user.timeZone) });
  }
  return due;
}
