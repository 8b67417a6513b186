"""Advice: the pathway catalogue, matching scan results to pathways, and the consultation offer."""
