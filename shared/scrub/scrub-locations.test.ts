import { describe, expect, it } from "vitest";
import { scrubLocations } from "./scrub-locations.js";

describe("scrubLocations", () => {
  it("says what to do without the path, and hands the path over", () => {
    expect(scrubLocations("no DuckDB file at /home/mateo/.skiff/demo.duckdb for source lake; create it (for the demo: skiff demo seed)")).toEqual({
      text: "no DuckDB file for source lake; create it (for the demo: skiff demo seed)",
      files: ["/home/mateo/.skiff/demo.duckdb"],
      servers: [],
    });
    expect(scrubLocations("open C:\\Users\\ana\\lake.duckdb failed").text).toBe("open <file> failed");
    expect(scrubLocations("missing /demo.duckdb").text).toBe("missing <file>");
  });

  it("replaces servers and never hands over credentials", () => {
    expect(scrubLocations("source accounts is unavailable (connect ECONNREFUSED 127.0.0.1:5432); check the source")).toEqual({
      text: "source accounts is unavailable (connect ECONNREFUSED <server>); check the source",
      files: [],
      servers: ["127.0.0.1:5432"],
    });
    const url = scrubLocations("could not reach postgres://skiff:hunter2@db.internal.example.com:5432/app.");
    expect(url).toEqual({ text: "could not reach <server>.", files: [], servers: ["postgres://db.internal.example.com:5432"] });
    expect(scrubLocations("getaddrinfo ENOTFOUND clickhouse.internal").text).toBe("getaddrinfo ENOTFOUND <server>");
    expect(scrubLocations("at localhost:8123 and [::1]:9000 and db.example.com:443").text).toBe("at <server> and <server> and <server>");
  });

  it.each([
    "use /ask help",
    "requests/s and and/or",
    "1/2 of a / b",
    "12:30 on 2026-11-30T10:00:00Z",
    "analytics.http_requests",
    "Code: 6, e.displayText() = DB::Exception",
    "v1.5.6",
  ])("leaves %s alone", (text) => {
    expect(scrubLocations(text)).toEqual({ text, files: [], servers: [] });
  });
});
