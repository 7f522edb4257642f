"""Scheduled work. The database says what is due; the clock only says when to look."""
