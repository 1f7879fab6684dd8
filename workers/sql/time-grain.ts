export const timeGrains = ["hour", "day", "week", "month"] as const;
export type TimeGrain = (typeof timeGrains)[number];
