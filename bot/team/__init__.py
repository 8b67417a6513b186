"""Team scans: a team code, colleagues' answers, the team profile, team advice and sector view."""
