/**
 * BigQuery functions the guard refuses anywhere in a statement: federated
 * queries into other databases, model and vector functions that read objects the
 * catalog does not describe, decryption and key functions, and change-history
 * table functions. `*` matches any run of characters.
 */
export const bigqueryForbiddenFunctions: readonly string[] = [
  "external_query",
  "external_object_transform",
  "ml.*",
  "aead.*",
  "keys.*",
  "deterministic_decrypt_*",
  "obj.*",
  "vector_search",
  "appends",
  "changes",
];
