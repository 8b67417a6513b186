"""Advisor handoff: the summary an advisor gets, its delivery, office hours and call-backs."""
