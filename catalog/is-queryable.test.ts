import { describe, expect, it } from "vitest";
import { isQueryable, queryableColumns } from "./is-queryable.js";
import type { Column } from "./model/index.js";

const column = (name: string, review?: "pending" | "reviewed"): Column => ({ name, type: "INT", description: "", synonyms: [], review });

describe("isQueryable", () => {
  it("excludes only pending entries", () => {
    expect(isQueryable({ review: "pending" })).toBe(false);
    expect(isQueryable({ review: "reviewed" })).toBe(true);
    expect(isQueryable({ review: undefined })).toBe(true);
  });

  it("keeps a table's reviewed columns, and none of a pending table", () => {
    const columns = [column("a"), column("b", "pending"), column("c", "reviewed")];
    expect(queryableColumns({ columns }).map((c) => c.name)).toEqual(["a", "c"]);
    expect(queryableColumns({ columns, review: "pending" })).toEqual([]);
  });
});
