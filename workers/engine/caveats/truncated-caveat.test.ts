import { describe, expect, it } from "vitest";
import { truncatedCaveat } from "./truncated-caveat.js";

describe("truncatedCaveat", () => {
  it("names the cap that cut the result", () => {
    expect(truncatedCaveat({ rows: [[1], [2]], rowCount: 2 }, 2).message).toBe("showing the first 2 rows; the full result has more");
    expect(truncatedCaveat({ rows: [[1], [2]], rowCount: 2 }, 10).message).toBe("the result reached Skiff's size limit after 2 rows; the full result has more");
    expect(truncatedCaveat({ rows: [["ab…[cut at 64 KiB]", 1], ["c", 2]], rowCount: 2 }, 10).message).toBe("1 long value was cut (each ends with …[cut at …])");
    expect(truncatedCaveat({ rows: [["ab…[cut at 64 KiB]"], ["x…[cut at 64 KiB]"]], rowCount: 2 }, 2).message).toBe(
      "2 long values were cut (each ends with …[cut at …]); showing the first 2 rows; the full result has more",
    );
  });
});
