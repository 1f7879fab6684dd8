import { demoLakePath } from "./fixtures/demo-lake.js";

/** Seeds the shared demo lake (scale 1, TEST_AS_OF) once per run, so test files find it ready. */
export default async function setup(): Promise<void> {
  await demoLakePath();
}
