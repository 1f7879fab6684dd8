import type { Catalog } from "../../../catalog/model/catalog.js";
import type { CatalogSearch } from "../../../catalog/search-catalog.js";
import type { QueryRunner } from "../query-runner.js";
import type { AgentState } from "./agent-state.js";
import type { LiveFacts } from "./describe/live-facts.js";

/** What a tool handler may use: the run's runner (the only way to data), the catalog and its search, and the run's state. */
export interface ToolContext {
  runner: QueryRunner;
  catalog: Catalog;
  search: CatalogSearch;
  state: AgentState;
  liveFacts: LiveFacts;
}

/** What a tool tells the model. `isError` results are fed back so the model can repair its call. */
export interface ToolOutcome {
  content: string;
  isError?: boolean;
}
