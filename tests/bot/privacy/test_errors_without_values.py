"""A database error names the statement, never the values: a logged exception leaks nothing."""

import pytest
from sqlalchemy.exc import IntegrityError

from bot.db.session import session_scope
from bot.scheduling.models import Advisor


def test_an_integrity_error_does_not_repeat_the_e_mail_address(database_url):
    with session_scope() as session:
        session.add(Advisor(name="Sanne de Vries", email="sanne@den.example", expertise=[]))
    with pytest.raises(IntegrityError) as raised, session_scope() as session:
        session.add(Advisor(name="Sanne de Vries", email="sanne@den.example", expertise=[]))
        session.flush()
    assert "unique" in str(raised.value).lower()  # the kind of error stays readable
    assert "sanne@den.example" not in str(raised.value) and "Sanne" not in str(raised.value)
