"""Rapport: customer relations for project-delivery teams, inside Slack."""

__version__ = "0.1.0"
