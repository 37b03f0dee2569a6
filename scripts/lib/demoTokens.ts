import { ulid } from 'ulidx';
import { generateToken, hashToken } from '../../worker/auth/token';
import type { Role } from '../../shared/schema/team';
import { apiTokens } from '../../worker/db/schema';
import { executeSql, insertSql, queryJson, type PersistTo } from './localD1';

const DAY = 86_400_000;

/**
 * Tokens are stored hashed, so a restart cannot print old ones: mint a fresh device token for
 * each demo user instead, and print that.
 */
export async function mintDemoTokens(persistTo: PersistTo): Promise<{ email: string; role: Role; token: string }[]> {
  const users = queryJson<{ id: string; team_id: string; email: string; role: Role }>(persistTo, "SELECT id, team_id, email, role FROM users WHERE email LIKE '%@sidecar.test' ORDER BY id");
  const now = Date.now();
  const minted = users.map((u) => ({ ...u, token: generateToken() }));
  const statements = await Promise.all(
    minted.map(async (u) =>
      insertSql(apiTokens, { id: ulid(), userId: u.id, teamId: u.team_id, tokenHash: await hashToken(u.token), label: 'npm start', createdAt: now, expiresAt: now + 90 * DAY }),
    ),
  );
  if (statements.length > 0) executeSql(persistTo, statements.join('\n'));
  return minted.map(({ email, role, token }) => ({ email, role, token }));
}
