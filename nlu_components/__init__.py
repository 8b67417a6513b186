"""Custom Rasa NLU graph components of the DEN assistant (registered in config.yml)."""
