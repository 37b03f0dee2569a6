import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../extension/sync/backoff';

describe('backoffDelay', () => {
  it.each([
    [1, 0, 1_000],
    [1, 1, 2_000],
    [2, 0, 2_000],
    [4, 1, 16_000],
    [30, 1, 300_000],
    [30, 0, 150_000],
  ])('attempt %i with random %d waits %i ms', (attempt, random, expected) => {
    expect(backoffDelay(attempt, () => random)).toBe(expected);
  });

  it('spreads clients out: the same attempt gives different delays', () => {
    const delays = new Set(Array.from({ length: 20 }, () => backoffDelay(3)));
    expect(delays.size).toBeGreaterThan(10);
  });
});
