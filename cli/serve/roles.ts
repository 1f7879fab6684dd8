import { SkiffError } from "../../shared/errors.js";

export const roleNames = ["bot", "agent", "query"] as const;
export type RoleName = (typeof roleNames)[number];

/** `bot`, `agent`, `query`, or `all` (every role in one process, for small installs). */
export function parseRoles(arg: string | undefined): RoleName[] {
  if (arg === "all") return [...roleNames];
  if ((roleNames as readonly string[]).includes(arg ?? "")) return [arg as RoleName];
  throw new SkiffError("CONFIG_INVALID", `unknown role "${arg ?? ""}": run one of bot, agent, query or all`);
}
