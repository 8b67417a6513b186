"""Privacy (AVG): delete one conversation's data, purge old data, export one person's data.

Plain Python, no Rasa import. Rasa's tracker store is read and written through SQLAlchemy
(`tracker_events`); the application database through the usual session (`bot.db.session`).
"""
