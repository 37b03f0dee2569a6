import { ulid } from 'ulidx';
import { generateToken, hashToken } from '../../worker/auth/token';
import type { Role } from '../../shared/schema/team';
import { executeSql, queryJson, type PersistTo } from './localD1';

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
    minted.map(
      async (u) =>
        `INSERT INTO api_tokens (id, user_id, team_id, token_hash, label, created_at, expires_at) VALUES ('${ulid()}', '${u.id}', '${u.team_id}', '${await hashToken(u.token)}', 'npm start', ${now}, ${now + 90 * DAY});`,
    ),
  );
  if (statements.length > 0) executeSql(persistTo, statements.join('\n'));
  return minted.map(({ email, role, token }) => ({ email, role, token }));
}
