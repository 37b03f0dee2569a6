import { ulid } from 'ulidx';
import type { NewTeam } from '../../shared/api/auth';
import { DEFAULT_PIPELINE } from '../../shared/rules/defaultPipeline';
import type { Locale } from '../../shared/schema/primitives';
import { pipelines, teams, users } from '../db/schema';
import { LOOKUP_KEYS_VERSION } from '../dedup/lookupKeys';
import type { Db } from '../env';

/** The statements that create a team with the default pipeline and its first user, its admin. */
export function createTeamStatements(db: Db, team: NewTeam, admin: { email: string; locale: Locale }, now: number) {
  const teamId = ulid(now);
  const userId = ulid(now);
  return {
    teamId,
    userId,
    statements: [
      // A new team has no rows yet, so its lookup keys are current from the start.
      db.insert(teams).values({ id: teamId, name: team.teamName, defaultCurrency: team.defaultCurrency, createdAt: now, lookupKeysVersion: LOOKUP_KEYS_VERSION }),
      db.insert(pipelines).values({ teamId, ...DEFAULT_PIPELINE, updatedAt: now }),
      db.insert(users).values({ id: userId, teamId, email: admin.email, name: team.userName, role: 'admin', locale: admin.locale, timeZone: team.timeZone, createdAt: now }),
    ] as const,
  };
}
