"""Storing scans: completed results and resume codes for unfinished ones."""
