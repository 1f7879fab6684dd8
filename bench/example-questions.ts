/** The questions Skiff must answer on the demo lake (issue: foundation), used by the ask benchmark and tests. */
export const exampleQuestions = [
  "How many domains that signed up today are in the top 100 by traffic?",
  "Top 10 countries by requests in the last 7 days",
  "How many zones signed up each day this week?",
  "Top 5 accounts by R2 storage cost in the last 30 days, and the change versus the previous 30 days",
  "What share of requests were cache hits yesterday?",
  "Bandwidth by cache status for the last 24 hours",
  "New enterprise accounts this month",
] as const;
