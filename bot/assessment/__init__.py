"""The scan: questions, answer interpretation, scoring, levels, benchmark, chart."""
