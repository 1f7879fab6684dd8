import { demoWindow } from "./demo-window.js";
import { generateAccounts } from "./generate-accounts.js";
import { generateHttpRequests } from "./generate-http-requests.js";
import { generateUsageDaily } from "./generate-usage-daily.js";
import { generateZones } from "./generate-zones.js";
import { SeededRandom } from "./seeded-random.js";
import type { DemoLakeData } from "./write-demo-lake.js";

/**
 * All demo lake rows, in memory, as a pure function of asOf and scale: each
 * table draws from its own stream seeded by both, never from the wall clock.
 */
export function generateDemoLake(asOf: Date, scale: number): DemoLakeData {
  const window = demoWindow(asOf);
  const root = SeededRandom.from("skiff-demo-lake", asOf.toISOString(), scale);
  const accounts = generateAccounts({ window, scale, random: root.fork("accounts") });
  const zones = generateZones({ window, scale, random: root.fork("zones"), accounts });
  return {
    accounts,
    zones,
    requests: generateHttpRequests({ window, scale, random: root.fork("requests"), zones, accounts }),
    usage: generateUsageDaily({ window, scale, random: root.fork("usage"), accounts }),
  };
}
