"""Advisor portal: a Sanic app on PORTAL_PORT (python -m bot.portal). See app.py."""
