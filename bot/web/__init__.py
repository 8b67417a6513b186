"""Web pages served on localhost: chat page, scan results, chart images."""
