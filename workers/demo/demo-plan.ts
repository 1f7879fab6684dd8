/** Plans an account or a zone can be on, cheapest first. */
export const demoPlans = ["free", "pro", "business", "enterprise"] as const;
export type DemoPlan = (typeof demoPlans)[number];
