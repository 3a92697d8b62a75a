"""Budget, recipients, poverty, inequality, targeting, winners and losers (64-bit sums)."""
