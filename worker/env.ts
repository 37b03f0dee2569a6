import type { DrizzleD1Database } from 'drizzle-orm/d1';
import type { Role } from '../shared/schema/team';
import type * as schema from './db/schema';

/** Bindings declared in wrangler.toml. */
export interface Env {
  DB: D1Database;
  MAILER: SendEmail;
  MAIL_FROM: string;
  /** This worker's public origin, for links in digest emails (cron has no request to take it from). */
  PUBLIC_URL?: string;
  /** Extension ids the record-link page asks to open a record (comma-separated). */
  EXTENSION_IDS?: string;
  TOKEN_TTL_DAYS: string;
  /** "false" turns off creating teams by signing in (a company running its own instance). */
  ALLOW_TEAM_CREATION?: string;
  /** Comma-separated origins allowed by CORS ("chrome-extension://*" matches any id); see middleware/hardening.ts. */
  CORS_ORIGINS?: string;
  /** One TeamChannel Durable Object per team: its devices' live WebSockets. */
  TEAM_CHANNEL: DurableObjectNamespace<import('./live/teamChannel').TeamChannel>;
  /** One TeamWriter Durable Object per team: applies its pushes one at a time. */
  TEAM_WRITER: DurableObjectNamespace<import('./sync/teamWriter').TeamWriter>;
  /** Cloudflare rate limiters (wrangler.toml [[ratelimits]]): per bearer token and per client address. */
  RATE_LIMIT_TOKEN?: RateLimit;
  RATE_LIMIT_IP?: RateLimit;
}

export type Db = DrizzleD1Database<typeof schema>;

/** The authenticated caller, as every route and query sees it. */
export interface Viewer {
  id: string;
  name: string;
  teamId: string;
  role: Role;
  /** The oldest cursor deltas can still serve this user (teams.minCursor, or users.minCursor after a role change). */
  minCursor: number;
  /**
   * The team's version when the request was authenticated: every row at or below it was
   * already written, so a pull that found nothing more may hand it out as the cursor.
   */
  teamVersion: number;
  /** The device token of this request (its api_tokens row), for sign-out and the devices list. */
  tokenId: string;
}

export interface AppEnv {
  Bindings: Env;
  Variables: {
    db: Db;
    /** D1 round trips and statements for this request; reported in response headers for benchmarks. */
    queryCount: import('./db/countingD1').D1Counter;
    viewer: Viewer;
    /** Sends mail: the send_email binding, or what a test passed to createApp. */
    mail: import('./mail/sendMail').Mailer;
  };
}
