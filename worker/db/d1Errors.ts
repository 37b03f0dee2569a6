/** D1 puts the SQLite message in the error or its cause; both are read. */
export function d1ErrorText(err: unknown): string {
  return String((err as { message?: unknown })?.message ?? err) + String((err as { cause?: unknown })?.cause ?? '');
}

/** A UNIQUE or PRIMARY KEY violation, optionally on one `table.column`. */
export function isUniqueViolation(err: unknown, column?: string): boolean {
  const text = d1ErrorText(err);
  return column ? text.includes(`UNIQUE constraint failed: ${column}`) : /UNIQUE constraint|PRIMARY KEY|constraint failed/i.test(text);
}
