"""What is due to be told, to whom, and what it says: reminders, weekly briefs and digests.

The sweep (bot/jobs) claims what these finders return in the delivery ledger, posts it and
records the outcome; the rules — when a follow-up is overdue, which cadence period was
missed, what a brief lists, who may still read a delivery — live here.
"""
