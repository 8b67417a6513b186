"""Exactly-once effects: idempotency keys, a version per consultation, stable Message-IDs,
longer booking codes.

Revision ID: 0007_exactly_once
Revises: 0006_privacy
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_exactly_once"
down_revision = "0006_privacy"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "idempotency_keys",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("operation", sa.String(40), nullable=False),
        sa.Column("result", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_idempotency_keys_created_at", "idempotency_keys", ["created_at"])
    with op.batch_alter_table("consultations") as batch:
        batch.add_column(sa.Column("version", sa.Integer, nullable=False, server_default="1"))
        batch.alter_column("reference", type_=sa.String(24), existing_type=sa.String(10))
    with op.batch_alter_table("outbox_messages") as batch:
        batch.add_column(sa.Column("message_id", sa.String(200)))
        batch.add_column(sa.Column("claimed_until", sa.DateTime(timezone=True)))


def downgrade() -> None:
    with op.batch_alter_table("outbox_messages") as batch:
        batch.drop_column("claimed_until")
        batch.drop_column("message_id")
    with op.batch_alter_table("consultations") as batch:
        batch.alter_column("reference", type_=sa.String(10), existing_type=sa.String(24))
        batch.drop_column("version")
    op.drop_index("ix_idempotency_keys_created_at", table_name="idempotency_keys")
    op.drop_table("idempotency_keys")
