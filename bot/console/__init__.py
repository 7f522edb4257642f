"""Rapport without a workspace: a Slack stand-in on loopback and a terminal front end."""
