"""Rasa SDK adapters: read slots, call one service in bot/, pick a response, return events."""
