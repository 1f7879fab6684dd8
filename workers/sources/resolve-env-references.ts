import { SkiffError } from "../../shared/errors.js";

const reference = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * Replaces `${VAR}` and `${VAR:-default}` in a catalog connection value.
 * Like the shell, `:-` falls back when the variable is unset or empty, so a
 * blank line in `.env` does not point a source at an empty path.
 *
 * @param source names the catalog source in the error, so the person fixing it knows where to look.
 * @throws SkiffError CONFIG_INVALID when a variable without a default is not set.
 */
export function resolveEnvReferences(value: string, env: Readonly<Record<string, string>>, source?: string): string {
  return value.replace(reference, (_whole, name: string, fallback: string | undefined) => {
    const set = env[name];
    if (fallback !== undefined) return set === undefined || set === "" ? fallback : set;
    if (set !== undefined) return set;
    const where = source === undefined ? "a catalog connection" : `source ${source}`;
    throw new SkiffError(
      "CONFIG_INVALID",
      `${where} refers to \${${name}}, which is not set; set ${name} in the environment or give a default as \${${name}:-value}`,
      { detail: { variable: name, ...(source === undefined ? {} : { source }) } },
    );
  });
}
