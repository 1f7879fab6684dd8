import { main } from "../../cli/main.js";

/** What one `skiff` command printed, and how it exited. */
export interface SkiffRun {
  code: number;
  out: string;
  err: string;
}

/** Runs the `skiff` command in this process with captured output, as a user would from a shell. */
export async function runSkiff(env: Readonly<Record<string, string>>, args: readonly string[]): Promise<SkiffRun> {
  let out = "";
  let err = "";
  const code = await main(["node", "skiff", ...args], {
    io: { out: (text) => void (out += `${text}\n`), err: (text) => void (err += `${text}\n`) },
    env: { ...env },
  });
  return { code, out, err };
}
