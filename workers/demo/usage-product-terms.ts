import type { DemoPlan } from "./demo-plan.js";

export const usageProducts = ["cdn", "images", "r2_operations", "r2_storage", "workers"] as const;
export type UsageProduct = (typeof usageProducts)[number];

export interface UsageProductTerms {
  /** USD per unit of quantity. */
  unitPrice: number;
  /** Who takes the product up on their own; r2_operations has none, it follows r2_storage. */
  uptake?: {
    /** Share of accounts on each plan that use the product. */
    adoption: Record<DemoPlan, number>;
    /** Median daily quantity for an account on each plan. */
    median: Record<DemoPlan, number>;
  };
  /** Day-to-day jitter (relative). */
  noise: number;
  /** Share of days with any usage once adopted. */
  activeDays: number;
  /** Traffic-driven products dip on weekends; storage does not. */
  weekly: boolean;
  decimals: number;
}

/** Units: cdn GB served, images delivered, r2_operations operations, r2_storage GB stored that day, workers requests. */
export const usageProductTerms: Record<UsageProduct, UsageProductTerms> = {
  cdn: {
    unitPrice: 0.02,
    uptake: {
      adoption: { free: 0, pro: 0.08, business: 0.3, enterprise: 0.7 },
      median: { free: 5, pro: 40, business: 400, enterprise: 6_000 },
    },
    noise: 0.12, activeDays: 1, weekly: true, decimals: 3,
  },
  images: {
    unitPrice: 0.00001,
    uptake: {
      adoption: { free: 0.005, pro: 0.03, business: 0.08, enterprise: 0.2 },
      median: { free: 800, pro: 8_000, business: 60_000, enterprise: 600_000 },
    },
    noise: 0.2, activeDays: 0.97, weekly: true, decimals: 0,
  },
  r2_operations: {
    unitPrice: 0.0000009,
    noise: 0.25, activeDays: 0.95, weekly: true, decimals: 0,
  },
  r2_storage: {
    unitPrice: 0.0005, // $0.015 per GB-month, charged by the day
    uptake: {
      adoption: { free: 0.035, pro: 0.13, business: 0.3, enterprise: 0.55 },
      median: { free: 8, pro: 150, business: 1_500, enterprise: 15_000 },
    },
    noise: 0.01, activeDays: 1, weekly: false, decimals: 3,
  },
  workers: {
    unitPrice: 0.0000003,
    uptake: {
      adoption: { free: 0.01, pro: 0.08, business: 0.2, enterprise: 0.4 },
      median: { free: 30_000, pro: 1_500_000, business: 15_000_000, enterprise: 150_000_000 },
    },
    noise: 0.15, activeDays: 0.92, weekly: true, decimals: 0,
  },
};
