import type { Caveat } from "../../../shared/caveat.js";
import type { RunResult } from "../../../shared/run-record.js";

/** A result the model has seen, addressable by its query id and by its saved name. */
export interface KnownResult {
  id: string;
  savedAs?: string;
  purpose: string;
  result: RunResult;
  caveats: Caveat[];
}

/** One tool call, as the run record's plan keeps it. */
export interface AgentStep {
  step: number;
  tool: string;
  input: unknown;
  ok: boolean;
  /** The first line of what the tool told the model. */
  summary: string;
  ms: number;
}

/** What one agent run accumulates between model turns. */
export interface AgentState {
  readonly results: Map<string, KnownResult>;
  readonly steps: AgentStep[];
  /** The newest successful result, for a partial answer when a budget runs out. */
  last: KnownResult | undefined;
}

export function createAgentState(): AgentState {
  return { results: new Map(), steps: [], last: undefined };
}

/** Makes a result addressable by id and saved name, and the newest one. */
export function rememberResult(state: AgentState, known: KnownResult): void {
  state.results.set(known.id, known);
  if (known.savedAs) state.results.set(known.savedAs, known);
  state.last = known;
}
