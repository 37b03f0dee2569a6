/**
 * D1 binds at most 100 parameters per statement. Split id lists so that an IN (...) list
 * plus a few other bound values stays under it.
 */
export const MAX_PARAMS_PER_STATEMENT = 100;
export const MAX_IDS_PER_STATEMENT = 90;

export function chunk<T>(items: T[], size = MAX_IDS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
