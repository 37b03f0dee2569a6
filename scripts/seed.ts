/**
 * `npm run seed`: applies migrations to the local D1 and re-creates the demo team, printing one
 * JSON line per demo user with a fresh token. `--persist-to DIR` targets another local state dir.
 */
import { applyMigrations, seedDemo } from './lib/localD1';

const at = process.argv.indexOf('--persist-to');
const persistTo = at > 0 ? process.argv[at + 1] : undefined;

applyMigrations(persistTo);
const logins = await seedDemo(persistTo);
for (const login of logins) console.log(JSON.stringify({ email: login.email, role: login.role, token: login.token }));
