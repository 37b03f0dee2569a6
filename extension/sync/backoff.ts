const BASE_MS = 2_000;
const CAP_MS = 5 * 60_000;

/**
 * Delay before retry number `attempt` (1-based): exponential from 2 s, capped at 5 minutes, with
 * "full jitter" between half and all of it, so a team of extensions coming back online after an
 * outage does not hit the API in lockstep.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
