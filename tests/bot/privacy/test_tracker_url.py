"""Where bot.privacy finds Rasa's tracker store: the same place Rasa does."""

from bot.settings import Settings


def test_sqlite_file_by_default_and_an_explicit_url_wins(monkeypatch):
    for name in ("TRACKER_DB_URL", "TRACKER_DB_HOST"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TRACKER_DB_PATH", "/srv/den/tracker.db")
    assert Settings().tracker_database_url == "sqlite:////srv/den/tracker.db"
    monkeypatch.setenv("TRACKER_DB_URL", "postgresql+psycopg2://a@b/c")
    assert Settings().tracker_database_url == "postgresql+psycopg2://a@b/c"


def test_the_production_profiles_postgresql_settings_are_used(monkeypatch):
    monkeypatch.delenv("TRACKER_DB_URL", raising=False)
    values = {"HOST": "127.0.0.1", "PORT": "5433", "NAME": "den_tracker", "USER": "den"}
    for key, value in {**values, "PASSWORD": "p@ss/w"}.items():
        monkeypatch.setenv(f"TRACKER_DB_{key}", value)
    assert Settings().tracker_database_url == (
        "postgresql+psycopg2://den:p%40ss%2Fw@127.0.0.1:5433/den_tracker"
    )
