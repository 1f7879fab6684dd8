import type { FakeSlack } from "../../test/fakes/slack/start-fake-slack.js";
import type { ChaosRedis } from "./start-redis.js";
import type { ChaosRoles } from "./start-chaos-roles.js";

/** What a scenario's fault can reach. */
export interface ChaosContext {
  roles: ChaosRoles;
  redis: ChaosRedis;
  fake: FakeSlack;
  /** The roles' environment (with what the scenario's setUp added). */
  env: NodeJS.ProcessEnv;
  /** A line for the scenario's notes under the table (a function is read when the scenario ends). */
  note: (text: string | (() => string)) => void;
}

export interface ChaosScenario {
  name: string;
  /** The fault, as the table says it. */
  fault: string;
  /** How the scenario's Redis keeps data: none (jobs die with it, by design) or an append-only file fsynced on every write. */
  persistence: "none" | "aof";
  /** Before the roles start: their extra environment, and what to undo afterwards. */
  setUp?(): Promise<{ env: NodeJS.ProcessEnv; tearDown(): Promise<void> }>;
  /** Once the roles are up, before the burst: a fault that holds the whole time. */
  beforeBurst?(ctx: ChaosContext): void;
  /** Once a third of the burst is in (see `faultAfter`); the fault's instant is when this starts, and the scenario waits for it to finish. */
  midBurst?(ctx: ChaosContext): Promise<void>;
  /**
   * What "a third of the burst is in" counts: events the bot acknowledged
   * (it has admitted them), or placeholders in their threads (it has queued
   * them, so the workers are busy). @defaultValue "acknowledged"
   */
  faultAfter?: "acknowledged" | "placeholders";
  /**
   * The sources this scenario breaks: a question reading one may end in an
   * honest failure or a partial answer; every other question must be
   * answered, and right. Unset: failures are counted but not held against it.
   */
  breaks?: readonly string[];
  /** The bot may tell askers it can't take questions right now (Redis is away): counted, not held against the scenario. */
  mayRefuse?: boolean;
}
