"""Block Kit builders: pure functions from domain values to Slack's JSON."""
