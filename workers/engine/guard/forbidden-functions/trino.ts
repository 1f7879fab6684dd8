/**
 * Trino functions the guard refuses anywhere in a statement: connector
 * pass-through queries (`TABLE(system.query(query => '...'))` runs SQL the guard
 * never saw) and system procedures. `*` matches any run of characters.
 */
export const trinoForbiddenFunctions: readonly string[] = ["query", "raw_query", "system.*"];
