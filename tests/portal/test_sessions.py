"""Portal sessions end after 30 minutes without a request; passwords never lock an account."""

from datetime import timedelta

from bot.db.models import utcnow
from bot.db.session import session_scope
from bot.portal import accounts
from tests.bot.scheduling.helpers import make_advisor

PASSWORD = "correct horse battery staple"


def test_a_session_ends_after_thirty_idle_minutes_and_activity_keeps_it(database_url):
    with session_scope() as session:
        advisor = make_advisor(session, "Sanne de Vries", "sanne@den.example")
        accounts.set_password(session, "sanne@den.example", PASSWORD)
        start = utcnow()
        token = accounts.start_session(session, advisor, hours=8, now=start)
    for minutes in (20, 40, 60):  # a request every 20 minutes: still signed in
        with session_scope() as session:
            assert accounts.signed_in(session, token, now=start + timedelta(minutes=minutes))
    with session_scope() as session:
        assert accounts.signed_in(session, token, now=start + timedelta(minutes=91)) is None
    with session_scope() as session:  # and it is gone, not just refused once
        assert accounts.signed_in(session, token, now=start + timedelta(minutes=92)) is None


def test_many_wrong_passwords_do_not_lock_the_account(database_url):
    with session_scope() as session:
        make_advisor(session, "Joris Bakker", "joris@den.example")
        accounts.set_password(session, "joris@den.example", PASSWORD)
    for _ in range(12):
        with session_scope() as session:
            assert accounts.authenticate(session, "joris@den.example", "nope") is None
    with session_scope() as session:
        assert accounts.authenticate(session, "joris@den.example", PASSWORD) is not None
