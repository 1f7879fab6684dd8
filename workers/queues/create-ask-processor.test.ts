import { describe, expect, it } from "vitest";
import { fixedClock } from "../../shared/clock.js";
import type { AnswerJob } from "../../shared/jobs/answer-job.js";
import type { AskJob } from "../../shared/jobs/ask-job.js";
import { silentLogger } from "../../shared/logger.js";
import type { RunRecord } from "../../shared/run-record.js";
import { lakeCatalog } from "../../test/fixtures/lake-catalog.js";
import { createMemoryRunStore } from "../../test/fixtures/memory-run-store.js";
import type { Planner, PlannerRequest } from "../planner/planner.js";
import { createAskProcessor } from "./create-ask-processor.js";

const at = new Date("2026-11-30T12:00:00Z");

function earlier(id: string, threadId: string, minute: number): RunRecord {
  const createdAt = new Date(at.getTime() - (60 - minute) * 60_000).toISOString();
  return { id, question: `question ${id}`, asOf: createdAt, createdAt, planner: "semantic", status: "answered", answer: `answer ${id}`, caveats: [], queries: [], plan: null, durationMs: 1, threadId };
}

describe("createAskProcessor", () => {
  it("gives the planner the thread's earlier runs oldest first, writes the run under the job's id and hands the bot one final answer", async () => {
    const runStore = createMemoryRunStore();
    await runStore.save(earlier("r_1", "slack:C1:100.1", 1));
    await runStore.save(earlier("r_other", "slack:C1:999.9", 2));
    await runStore.save(earlier("r_2", "slack:C1:100.1", 3));
    const seen: PlannerRequest[] = [];
    const planner: Planner = {
      kind: "semantic",
      async answer(request, runner) {
        seen.push(request);
        // No queue carries this source, so the query comes back failed rather than hanging.
        const [executed] = await runner.run([{ id: runner.nextId(), source: "nowhere", sql: "SELECT 1", purpose: "probe" }]);
        // A run still working after the progress delay shows its progress.
        await new Promise((resolve) => setTimeout(resolve, 30));
        return { answer: `still ${executed?.error?.code ?? "?"}`, assumptions: [], plan: { probe: true } };
      },
    };
    const added: { name: string; data: AnswerJob; jobId: string | undefined }[] = [];
    const processor = createAskProcessor({
      catalog: lakeCatalog(),
      planner,
      runStore,
      clock: fixedClock(at),
      logger: silentLogger,
      lanes: new Map(),
      openScratch: () => Promise.reject(new Error("no scratch in this test")),
      answers: {
        add: (name: string, data: AnswerJob, opts?: { jobId?: string }) => {
          added.push({ name, data, jobId: opts?.jobId });
          return Promise.resolve(undefined as never);
        },
      },
      deadlineMs: 5_000,
      jobOptions: {},
      progressDelayMs: 5,
    });
    const ask: AskJob = { runId: "r_3", question: "and in Europe?", asker: "U1", surface: "follow_up", channel: "C1", threadTs: "100.1", newThread: false, placeholderTs: "100.5", eventAt: 1 };
    await processor({ data: ask, id: "ask-1", attemptsStarted: 1 });

    expect(seen[0]?.history.map((r) => r.id)).toEqual(["r_1", "r_2"]);
    const record = await runStore.get("r_3");
    expect(record?.threadId).toBe("slack:C1:100.1");
    expect(record?.answer).toBe("still UNKNOWN_SOURCE");
    const finals = added.filter((a) => a.data.kind === "final");
    expect(finals).toHaveLength(1);
    expect(finals[0]?.jobId).toBe("r_3-final");
    expect(finals[0]?.data).toMatchObject({ kind: "final", runId: "r_3", channel: "C1", placeholderTs: "100.5", summary: { status: "answered", queryCount: 1, sources: ["nowhere"] } });
    // The agent's own time on the question, for the bot's work/transport split.
    const final = finals[0]?.data;
    expect(final?.kind === "final" ? final.workMs : undefined).toBeGreaterThanOrEqual(0);
    expect(added.find((a) => a.data.kind === "progress")?.data).toMatchObject({ text: expect.stringContaining("Running 1 query on nowhere") as unknown });
  });

  it("tells the thread when the question itself is unreadable, without a retry", async () => {
    const added: AnswerJob[] = [];
    const processor = createAskProcessor({
      catalog: lakeCatalog(),
      planner: { kind: "semantic", answer: () => Promise.reject(new Error("not reached")) },
      runStore: createMemoryRunStore(),
      clock: fixedClock(at),
      logger: silentLogger,
      lanes: new Map(),
      openScratch: () => Promise.reject(new Error("unused")),
      answers: { add: (_name: string, data: AnswerJob) => Promise.resolve(void added.push(data) as never) },
      deadlineMs: 5_000,
      jobOptions: {},
    });
    await processor({ data: { runId: "r_9", question: "?!", asker: "U1", surface: "dm", channel: "D1", threadTs: "1.1", newThread: true, placeholderTs: "1.2", eventAt: 1 }, id: "x", attemptsStarted: 1 });
    expect(added).toEqual([expect.objectContaining({ kind: "final", runId: "r_9", error: expect.stringContaining("no words") as unknown })]);
  });
});
