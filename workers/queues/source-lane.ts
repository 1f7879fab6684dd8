import type { Queue, QueueEvents } from "bullmq";

/** One source's query queue and the event stream an agent waits on for its results. */
export interface SourceLane {
  queue: Queue;
  events: QueueEvents;
}
