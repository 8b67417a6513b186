"""Database access: models, engine and one session per unit of work."""
