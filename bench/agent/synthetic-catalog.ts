import type { Catalog } from "../../catalog/model/catalog.js";
import { buildCatalog } from "../../test/fixtures/catalog-fixture.js";

const domains = ["orders", "payments", "shipments", "customers", "products", "inventory", "support", "marketing", "sessions", "devices"];
const regions = ["emea", "amer", "apac", "latam", "anz"];

/** A warehouse-sized catalog: `count` tables of a dozen columns each, with descriptions, values and a join key. */
export function syntheticCatalog(count: number): Catalog {
  const tables: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const domain = domains[i % domains.length]!;
    const region = regions[Math.floor(i / domains.length) % regions.length]!;
    const name = `${domain}_${region}_${String(i).padStart(5, "0")}`;
    tables.push({
      name,
      source: "warehouse",
      physical: `mart.${name}`,
      description: `${domain} facts for the ${region} region, partition ${i}: one row per ${domain.replace(/s$/, "")} event with amounts and status.`,
      owner: `#team-${domain}`,
      grain: `one row per ${domain.replace(/s$/, "")} event`,
      keys: { customer: "customer_id" },
      columns: [
        { name: "event_id", type: "BIGINT", description: "Event id." },
        { name: "customer_id", type: "BIGINT", description: "Customer who caused the event." },
        { name: "event_time", type: "TIMESTAMP", description: "When it happened (UTC)." },
        { name: "amount_usd", type: "DECIMAL(12,2)", description: "Amount in US dollars." },
        { name: "quantity", type: "INTEGER", description: "Units." },
        { name: "status", type: "VARCHAR", description: "Lifecycle status.", values: ["open", "closed", "cancelled", "refunded"] },
        { name: "channel", type: "VARCHAR", description: "Sales channel.", values: ["web", "app", "partner", "store"] },
        { name: "country", type: "VARCHAR", description: "Country (ISO 3166 alpha-2)." },
        { name: "email", type: "VARCHAR", description: "Contact email.", pii: "email" },
        { name: "sku", type: "VARCHAR", description: "Product SKU." },
        { name: "campaign", type: "VARCHAR", description: "Marketing campaign that led to it, if any." },
        { name: "loaded_at", type: "TIMESTAMP", description: "When the row was loaded." },
      ],
      freshness: { column: "loaded_at", maxLag: "1d" },
      notes: `Partition ${i} of the ${domain} mart; amounts are net of tax.`,
    });
  }
  return buildCatalog({
    dir: "(synthetic)",
    sources: [{ name: "warehouse", kind: "duckdb", description: "The company data warehouse." }],
    tables,
  });
}
