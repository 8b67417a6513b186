"""One typed settings object, read from the environment. `.env.example` documents every variable."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseSettings, Field

PROJECT_DIR = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    database_url: str = Field(f"sqlite:///{PROJECT_DIR / 'var' / 'den.db'}", env="BOT_DATABASE_URL")
    public_base_url: str = Field("http://localhost:8080", env="PUBLIC_BASE_URL")
    web_host: str = Field("127.0.0.1", env="WEB_HOST")
    web_port: int = Field(8080, env="WEB_PORT")
    rasa_url: str = Field("http://localhost:5005", env="RASA_URL")
    # where browsers reach Rasa's socket.io channel (the website widget); empty: rasa_url
    rasa_public_url: str = Field("", env="RASA_PUBLIC_URL")
    db_pool_size: int = Field(5, env="BOT_DB_POOL_SIZE")
    db_max_overflow: int = Field(5, env="BOT_DB_MAX_OVERFLOW")
    # adviesgesprekken (bot/scheduling); an empty SMTP_HOST means "no SMTP": mail stays local
    smtp_host: str = Field("", env="SMTP_HOST")
    smtp_port: int = Field(587, env="SMTP_PORT")
    smtp_user: str = Field("", env="SMTP_USER")
    smtp_password: str = Field("", env="SMTP_PASSWORD")
    smtp_starttls: bool = Field(True, env="SMTP_STARTTLS")
    smtp_timeout: float = Field(10.0, env="SMTP_TIMEOUT")
    mail_from: str = Field("DEN adviesassistent <adviesassistent@localhost>", env="MAIL_FROM")
    consultation_minutes: int = Field(60, env="CONSULTATION_MINUTES")
    booking_horizon_days: int = Field(28, env="BOOKING_HORIZON_DAYS")
    # quotas: open (future) bookings per e-mail address; overview mails ("which appointments do
    # I have?") per address per 24 hours
    max_open_bookings_per_email: int = Field(2, env="MAX_OPEN_BOOKINGS_PER_EMAIL", ge=1)
    overview_mails_per_day: int = Field(3, env="OVERVIEW_MAILS_PER_DAY", ge=1)
    # advisor handoff (bot/handoff) and the advisor portal (bot/portal)
    handoff_email: str = Field("", env="HANDOFF_EMAIL")
    office_hours_file: str = Field("", env="OFFICE_HOURS_FILE")  # empty: the packaged file
    handoff_webhook_url: str = Field("", env="HANDOFF_WEBHOOK_URL")
    handoff_webhook_format: str = Field("slack", env="HANDOFF_WEBHOOK_FORMAT")
    portal_host: str = Field("127.0.0.1", env="PORTAL_HOST")
    portal_port: int = Field(8090, env="PORTAL_PORT")
    portal_base_url: str = Field("http://localhost:8090", env="PORTAL_BASE_URL")
    portal_session_hours: int = Field(8, env="PORTAL_SESSION_HOURS")
    portal_cookie_secure: bool = Field(False, env="PORTAL_COOKIE_SECURE")
    portal_proxies: int = Field(0, env="PORTAL_PROXIES")  # 1 behind nginx
    advisor_api_token: str = Field("", env="ADVISOR_API_TOKEN")
    rasa_api_token: str = Field("", env="RASA_API_TOKEN")
    # privacy (bot/privacy): Rasa's tracker store, read to delete, purge and export conversations
    tracker_db_path: str = Field(str(PROJECT_DIR / "var" / "tracker.db"), env="TRACKER_DB_PATH")
    tracker_db_url: str = Field("", env="TRACKER_DB_URL")  # empty: see tracker_database_url
    # the production profile's tracker store (deploy/endpoints.prod.yml)
    tracker_db_host: str = Field("", env="TRACKER_DB_HOST")
    tracker_db_port: int = Field(5432, env="TRACKER_DB_PORT")
    tracker_db_name: str = Field("", env="TRACKER_DB_NAME")
    tracker_db_user: str = Field("", env="TRACKER_DB_USER")
    tracker_db_password: str = Field("", env="TRACKER_DB_PASSWORD")
    retention_days: int = Field(365, env="RETENTION_DAYS", ge=1)

    @property
    def tracker_database_url(self) -> str:
        """SQLAlchemy URL of Rasa's tracker store: TRACKER_DB_URL; else PostgreSQL from
        TRACKER_DB_HOST/PORT/NAME/USER/PASSWORD (the production profile); else the SQLite file."""
        if self.tracker_db_url:
            return self.tracker_db_url
        if self.tracker_db_host:
            from sqlalchemy.engine import URL

            return URL.create(
                "postgresql+psycopg2",
                username=self.tracker_db_user or None,
                password=self.tracker_db_password or None,
                host=self.tracker_db_host,
                port=self.tracker_db_port,
                database=self.tracker_db_name or None,
            ).render_as_string(hide_password=False)
        return f"sqlite:///{self.tracker_db_path}"

    class Config:
        case_sensitive = False


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
