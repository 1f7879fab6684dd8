/** A started role (bot, agent worker, query worker). */
export interface RunningRole {
  /** Stops taking work, lets what is in flight finish (or hands it back to the queue), closes connections. */
  close(): Promise<void>;
}
