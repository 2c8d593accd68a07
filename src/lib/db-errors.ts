/**
 * D1 reports constraint failures as message text, and drizzle wraps driver errors
 * (DrizzleQueryError, original on `.cause`): walk the chain to find the database's own words.
 */
function messages(err: unknown): string[] {
  const found: string[] = [];
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) found.push(e.message);
  return found;
}

/** The table whose UNIQUE index refused the write (`contact_phone`), or null for another error. */
export function uniqueViolationTable(err: unknown): string | null {
  for (const message of messages(err)) {
    const match = /UNIQUE constraint failed: (\w+)\./.exec(message);
    if (match) return match[1] ?? null;
  }
  return null;
}

export function isForeignKeyViolation(err: unknown): boolean {
  return messages(err).some((m) => m.includes("FOREIGN KEY constraint failed"));
}

/**
 * The table whose per-contact cap refused the write (`contact_phone`), or null: the cap triggers
 * of migrations/0005_hardening_bounds.sql abort with `entry cap exceeded: <table>`.
 */
export function entryCapTable(err: unknown): string | null {
  for (const message of messages(err)) {
    const match = /entry cap exceeded: (\w+)/.exec(message);
    if (match) return match[1] ?? null;
  }
  return null;
}
