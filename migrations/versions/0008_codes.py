"""Codes users type: 59-bit resume and team codes, wrong tries counted.

Six-character resume and team codes (29.5 bits) are replaced by new 12-character ones, so an old
code can no longer be guessed; the conversation that saved a scan or started a team keeps it
(it is found by conversation, and "pauzeren" shows the new code). Booking codes sent in e-mails
keep working: a booking is only found with its code and the e-mail address together.

Revision ID: 0008_codes
Revises: 0007_exactly_once
Create Date: 2026-12-03
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0008_codes"
down_revision = "0007_exactly_once"
branch_labels = None
depends_on = None

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # as bot.codes, copied: a migration must not change


def _new_code() -> str:
    while True:
        code = "".join(secrets.choice(ALPHABET) for _ in range(12))
        if any(c.isdigit() for c in code) and any(c.isalpha() for c in code):
            return code


def _rekey(table: str) -> None:
    connection = op.get_bind()
    rows = connection.execute(
        sa.text(f"SELECT id FROM {table} WHERE length(code) < 12")  # noqa: S608 (fixed names)
    ).fetchall()
    for (row_id,) in rows:
        connection.execute(
            sa.text(f"UPDATE {table} SET code = :code WHERE id = :id"),  # noqa: S608
            {"code": _new_code(), "id": row_id},
        )


def upgrade() -> None:
    op.create_table(
        "code_attempts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("subject", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_code_attempts_subject", "code_attempts", ["subject"])
    op.create_index("ix_code_attempts_created_at", "code_attempts", ["created_at"])
    _rekey("scan_progress")
    _rekey("teams")


def downgrade() -> None:
    op.drop_index("ix_code_attempts_created_at", table_name="code_attempts")
    op.drop_index("ix_code_attempts_subject", table_name="code_attempts")
    op.drop_table("code_attempts")
