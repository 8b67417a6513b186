"""Adviesgesprekken: advisors, working hours, free slots, bookings, invitations and e-mail.

Plain Python, no Rasa. Every function that touches the database takes the session as its first
argument; the caller owns the unit of work (`bot.db.session.session_scope`), so a booking and
its confirmation e-mail (an outbox row) are committed together or not at all.

Modules, one job each:
  models.py         tables: advisors, working hours, absences, consultations, outbox
  advisors.py       staff operations on advisors (used by `python -m bot.admin`)
  slots.py          the Slot value, the Europe/Amsterdam zone, the dayparts
  availability.py   free slots and the distinct times offered to a user
  dates.py          Dutch free-text moments ("donderdagmiddag", "om half 3") and Dutch dates
  contact.py        e-mail (with typo suggestions), Dutch phone numbers, names
  booking.py        book, find, cancel, reschedule; no double booking
  ics.py            calendar invitations (.ics)
  notifications.py  the Dutch e-mails about a consultation (templates/), queued in the outbox
  mail.py           the outbox: queue, deliver over SMTP, retry with backoff
"""
