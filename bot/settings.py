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

    class Config:
        case_sensitive = False


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
