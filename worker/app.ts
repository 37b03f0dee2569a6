import { OpenAPIHono } from '@hono/zod-openapi';
import { Scalar } from '@scalar/hono-api-reference';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from './middleware/apiError';
import { createDb } from './db/client';
import type { AppEnv } from './env';
import { onError, onNotFound, onValidationFailure } from './middleware/errors';
import { limitByAddress } from './middleware/rateLimit';
import { corsForExtensions, REFERENCE_PAGE_CSP, securityHeaders } from './middleware/hardening';
import { bindingMailer, type Mailer } from './mail/sendMail';
import { authRoutes } from './routes/auth';
import { dedupRoutes } from './routes/dedup';
import { deviceRoutes } from './routes/devices';
import { inviteRoutes } from './routes/invites';
import { memberRoutes } from './routes/members';
import { pipelineRoutes } from './routes/pipeline';
import { mergeRoutes } from './routes/merges';
import { reportRoutes } from './routes/reports';
import { auditRoutes } from './routes/audit';
import { claimRoutes } from './routes/claims';
import { digestRoutes } from './routes/digest';
import { handoverRoutes } from './routes/handover';
import { healthRoutes } from './routes/health';
import { liveRoutes } from './routes/live';
import { meRoutes } from './routes/me';
import { syncRoutes } from './routes/sync';
import { signInLinkRoutes } from './routes/signInLink';
import { digestLinkRoutes } from './routes/digestLinks';

/** A push of 100 mutations with long bodies stays well under this. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

export function createApp(deps: { mailer?: (env: AppEnv['Bindings']) => Mailer } = {}) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: onValidationFailure });
  app.use('*', securityHeaders);
  app.use('/api/*', (c, next) => corsForExtensions(c.env)(c, next));
  app.use('/api/*', async (c, next) => {
    const counter = { n: 0, statements: 0 };
    c.set('queryCount', counter);
    c.set('db', createDb(c.env.DB, counter));
    c.set('mail', (deps.mailer ?? bindingMailer)(c.env));
    await next();
    c.res.headers.set('X-D1-Queries', String(counter.n));
    c.res.headers.set('X-D1-Statements', String(counter.statements));
    // Answers are per user and change with every push: no browser or proxy may keep one.
    if (c.res.status !== 101) c.res.headers.set('Cache-Control', 'no-store');
  });
  app.use('/api/*', limitByAddress);
  // Pages a person opens from their mail (sign-in link, unsubscribe, record links): outside the API, same limits.
  for (const pages of ['/sign-in/*', '/digest/*', '/open/*']) {
    app.use(pages, async (c, next) => {
      c.set('db', createDb(c.env.DB));
      await next();
    });
    app.use(pages, limitByAddress);
  }
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError(413, 'payload_too_large', `Request bodies are limited to ${MAX_BODY_BYTES} bytes`);
      },
    }),
  );
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer' });
  app.route('/', healthRoutes).route('/', authRoutes).route('/', deviceRoutes).route('/', inviteRoutes).route('/', memberRoutes).route('/', pipelineRoutes).route('/', mergeRoutes).route('/', reportRoutes).route('/', handoverRoutes).route('/', auditRoutes).route('/', claimRoutes).route('/', digestRoutes).route('/', meRoutes).route('/', syncRoutes).route('/', dedupRoutes).route('/', liveRoutes);
  app.route('/', signInLinkRoutes).route('/', digestLinkRoutes);
  app.doc31('/api/openapi.json', (c) => ({
    openapi: '3.1.0',
    info: {
      title: 'Sidecar CRM API',
      version: '0.1.0',
      description: 'Sync, sign-in and duplicate checks for the Sidecar extension. Errors are always { "error": { "code", "message", "details" } }.',
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    // The deployment answering is the server: the same document serves local and production.
    servers: [{ url: new URL(c.req.url).origin, description: 'This deployment' }],
  }));
  // A readable reference of the same document (Scalar), for people writing clients.
  app.get(
    '/api/reference',
    async (c, next) => {
      await next();
      c.res.headers.set('Content-Security-Policy', REFERENCE_PAGE_CSP);
    },
    Scalar({ url: '/api/openapi.json', pageTitle: 'Sidecar CRM API' }),
  );
  app.onError(onError);
  app.notFound(onNotFound);
  return app;
}
