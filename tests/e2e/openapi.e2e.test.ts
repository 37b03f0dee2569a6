import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './harness';

/**
 * The OpenAPI document, as `wrangler dev` serves it, passes Redocly's recommended rules (the
 * bar a client generator needs: operation ids, documented 4xx, security on every operation,
 * servers, a licence), and the API reference page beside it renders from it.
 */
describe('the OpenAPI document', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ buildExtension: false });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it("passes Redocly's recommended rules without errors or warnings", async () => {
    const source = await (await fetch(`${stack.apiUrl}/api/openapi.json`)).text();
    const problems = await lintFromString({ source, absoluteRef: `${stack.apiUrl}/api/openapi.json`, config: await createConfig({ extends: ['recommended'] }) });
    const found = problems.map((p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer ?? ''}: ${p.message}`);
    // The one known exception: a WebSocket upgrade succeeds with 101, which is not a 2XX.
    const known = ['warn operation-2xx-response at #/paths/~1api~1live/get/responses: Operation must have at least one `2XX` response.'];
    expect(found.filter((p) => !known.includes(p))).toEqual([]);
  });

  it('is browsable as an API reference page', async () => {
    const res = await fetch(`${stack.apiUrl}/api/reference`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toContain('/api/openapi.json');
    // Its scripts come from Scalar's CDN only; the JSON API keeps default-src 'none'.
    expect(res.headers.get('content-security-policy')).toContain('script-src');
    expect((await fetch(`${stack.apiUrl}/api/health`)).headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});
