import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../bin/skiff.js", import.meta.url));

/** bin/skiff.js copied into a fresh folder laid out like a clone: `files` are written beside it. */
async function cloneWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "skiff-bin-"));
  await mkdir(join(dir, "bin"));
  await copyFile(bin, join(dir, "bin", "skiff.js"));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, ".."), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return join(dir, "bin", "skiff.js");
}

async function run(script: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [script, "ask", "anything"]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("bin/skiff.js", () => {
  it("in a clone that was never built, says how to build in one line and exits 1", async () => {
    const result = await run(await cloneWith({ "package.json": '{"type":"module"}' }));
    expect(result).toEqual({ code: 1, stdout: "", stderr: "skiff: not built yet; run npm run build (or npx tsx cli/main.ts …)\n" });
  });

  it("when a dependency is missing, names it and says to install", async () => {
    const script = await cloneWith({ "package.json": '{"type":"module"}', "dist/cli/main.js": 'export { main } from "skiff-no-such-package";\n' });
    expect(await run(script)).toEqual({ code: 1, stdout: "", stderr: "skiff: skiff-no-such-package is not installed; run npm ci\n" });
  });
});
