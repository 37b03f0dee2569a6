const REAL = Symbol('real statement');

export interface D1Counter {
  /** Round trips to D1 (a batch is one): what the per-invocation query limit counts. */
  n: number;
  /** SQL statements executed, batched or not. */
  statements: number;
}

/**
 * Wraps a D1 binding so round trips and statements are counted per request. The counts prove
 * that queries per request do not grow with page size.
 */
export function countingD1(db: D1Database, counter: D1Counter): D1Database {
  const wrap = (stmt: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(stmt, {
      get(target, prop) {
        if (prop === REAL) return target;
        if (prop === 'bind') return (...values: unknown[]) => wrap(target.bind(...values));
        const value = Reflect.get(target, prop, target);
        if (typeof value !== 'function') return value;
        if (prop === 'all' || prop === 'run' || prop === 'first' || prop === 'raw') {
          return (...args: unknown[]) => {
            counter.n += 1;
            counter.statements += 1;
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        return (value as (...a: unknown[]) => unknown).bind(target);
      },
    });
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') return (query: string) => wrap(target.prepare(query));
      if (prop === 'batch') {
        return (statements: D1PreparedStatement[]) => {
          counter.n += 1;
          counter.statements += statements.length;
          const real = statements.map((s) => (s as unknown as Record<symbol, D1PreparedStatement>)[REAL] ?? s);
          return target.batch(real);
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
