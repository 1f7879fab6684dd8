import type { PiiClass } from "../../catalog/model/column-schema.js";
import type { Caveat } from "../../shared/caveat.js";
import type { QueryResult } from "../../shared/query-result.js";
import type { GuardVerdict } from "./guard-sql.js";
import { planPiiMask, type PiiMaskPlan } from "./mask/plan-pii-mask.js";

export interface MaskedColumn {
  /** Output column name as the result reports it. */
  column: string;
  pii: PiiClass;
}

export interface MaskPiiOutcome {
  result: QueryResult;
  masked: MaskedColumn[];
  /** A `pii_masked` caveat naming the masked columns, when any were. */
  caveat: Caveat | undefined;
}

/** What a masked cell reads: the class, never the value. */
export function maskedCell(pii: PiiClass): string {
  return `[masked: ${pii}]`;
}

/**
 * Replaces every value of an output column that derives from a PII column with
 * `[masked: <class>]`, so neither the answer nor the model ever sees it.
 * Counting stays possible: `count(distinct email)` is not masked.
 */
export function maskPii(options: { verdict: GuardVerdict; result: QueryResult }): MaskPiiOutcome {
  const { result } = options;
  const plan = planPiiMask(options.verdict);
  const classes = columnClasses(plan, result.columns.map((column) => column.name));
  const masked: MaskedColumn[] = [];
  classes.forEach((pii, index) => {
    const column = result.columns[index];
    if (pii !== undefined && column) masked.push({ column: column.name, pii });
  });
  if (masked.length === 0) return { result, masked, caveat: undefined };
  return {
    result: {
      ...result,
      columns: result.columns.map((column, index) => (classes[index] === undefined ? column : { name: column.name, type: "VARCHAR" })),
      rows: result.rows.map((row) =>
        row.map((cell, index) => {
          const pii = classes[index];
          return pii === undefined || cell === null ? cell : maskedCell(pii);
        }),
      ),
    },
    masked,
    caveat: piiMaskedCaveat(masked),
  };
}

/** Lines the plan up with the result's columns: by position where it can, by name where it must. */
function columnClasses(plan: PiiMaskPlan, names: readonly string[]): (PiiClass | undefined)[] {
  if (plan.piiByName.size === 0) return names.map(() => undefined);
  const byName = (name: string) => plan.piiByName.get(name.toLowerCase());
  const { outputs } = plan;
  const firstStar = outputs.findIndex((output) => output.fromStar);
  if (!plan.unsure && firstStar === -1 && outputs.length === names.length) {
    return outputs.map((output) => output.pii);
  }
  if (plan.unsure || firstStar === -1) {
    // Unsure which column is which: anything named like a PII column, or like a PII output, is masked.
    const outputPii = new Map(outputs.filter((o) => o.name !== undefined && o.pii !== undefined).map((o) => [(o.name as string).toLowerCase(), o.pii]));
    return names.map((name) => outputPii.get(name.toLowerCase()) ?? byName(name));
  }
  // `*` expansions sit between the explicit items before the first star and after the last one.
  const lastStar = outputs.length - 1 - [...outputs].reverse().findIndex((output) => output.fromStar);
  const leading = outputs.slice(0, firstStar);
  const trailing = outputs.slice(lastStar + 1);
  const middle = outputs.slice(firstStar, lastStar + 1);
  if (leading.length + trailing.length > names.length) return names.map((name) => byName(name));
  const middlePii = new Map<string, PiiClass | undefined>();
  for (const output of middle) {
    if (output.name === undefined) continue;
    const key = output.name.toLowerCase();
    middlePii.set(key, middlePii.get(key) ?? output.pii);
  }
  return names.map((name, index) => {
    if (index < leading.length) return leading[index]?.pii;
    const fromEnd = names.length - index;
    if (fromEnd <= trailing.length) return trailing[trailing.length - fromEnd]?.pii;
    const key = name.toLowerCase();
    return middlePii.has(key) ? middlePii.get(key) : byName(name);
  });
}

function piiMaskedCaveat(masked: readonly MaskedColumn[]): Caveat {
  const listed = masked.map((m) => `${m.column} (${m.pii})`);
  const names = listed.length === 1 ? listed[0] : `${listed.slice(0, -1).join(", ")} and ${listed[listed.length - 1]}`;
  return {
    kind: "pii_masked",
    message: `${names} ${masked.length === 1 ? "holds" : "hold"} personal data, so the values are masked (count(distinct …) over them still works)`,
  };
}
