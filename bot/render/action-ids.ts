/** Block Kit action and view ids the bot listens for; each button's value is the run id. */
export const actionIds = {
  showSql: "skiff_show_sql",
  feedbackUp: "skiff_feedback_up",
  feedbackDown: "skiff_feedback_down",
  rerun: "skiff_rerun",
  viewQueries: "skiff_view_queries",
  feedbackView: "skiff_feedback_view",
} as const;
