"""DEN advice assistant: the product's own code, importable and testable without Rasa."""
