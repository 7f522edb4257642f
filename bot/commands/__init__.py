"""The Slack edge: Bolt listeners, the web client and the server. Nothing else imports Slack."""
