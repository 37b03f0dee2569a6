import { describe, expect, it } from 'vitest';
import { api } from './helpers';

describe('GET /api/health', () => {
  it('answers ok with the schema version and no auth', async () => {
    const res = await api('/api/health');
    expect(res.status).toBe(200);
    const body = await res.json<{ ok: boolean; schemaVersion: number }>();
    expect(body.ok).toBe(true);
    expect(body.schemaVersion).toBeGreaterThanOrEqual(1);
  });
});
