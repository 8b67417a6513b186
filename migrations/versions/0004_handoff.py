"""Advisor handoff: summaries, their delivery (e-mail, webhook), portal accounts, call-backs.

outbox_messages gets a channel (email | webhook) and the summary it delivers; SQLite cannot add
a foreign key to an existing table, so that change runs in batch mode (table copy).

Revision ID: 0004_handoff
Revises: 0003_scheduling
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_handoff"
down_revision = "0003_scheduling"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "callback_requests",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("conversation_id", sa.String(255), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("contact_email", sa.String(254)),
        sa.Column("contact_phone", sa.String(20)),
        sa.Column("organisation", sa.String(120)),
        sa.Column("question", sa.Text()),
        sa.Column("consent", sa.Boolean(), nullable=False),
        sa.Column("paused", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("handled_at", sa.DateTime(timezone=True)),
        sa.Column("handled_by", sa.Integer(), sa.ForeignKey("advisors.id", ondelete="SET NULL")),
        sa.CheckConstraint("kind IN ('handover', 'callback')", name="ck_callback_requests_kind"),
        sa.CheckConstraint("status IN ('open', 'done')", name="ck_callback_requests_status"),
    )
    op.create_index(
        "ix_callback_requests_conversation_id", "callback_requests", ["conversation_id"]
    )
    op.create_index("ix_callback_requests_created_at", "callback_requests", ["created_at"])

    op.create_table(
        "handoff_summaries",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column(
            "consultation_id",
            sa.Integer(),
            sa.ForeignKey("consultations.id", ondelete="CASCADE"),
        ),
        sa.Column(
            "callback_id",
            sa.Integer(),
            sa.ForeignKey("callback_requests.id", ondelete="CASCADE"),
        ),
        sa.Column("conversation_id", sa.String(255)),
        sa.Column(
            "scan_public_id",
            sa.String(32),
            sa.ForeignKey("scans.public_id", ondelete="SET NULL"),
        ),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("body_text", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('booking', 'handover', 'callback')", name="ck_handoff_summaries_kind"
        ),
    )
    op.create_index(
        "ix_handoff_summaries_consultation_id", "handoff_summaries", ["consultation_id"]
    )
    op.create_index("ix_handoff_summaries_callback_id", "handoff_summaries", ["callback_id"])
    op.create_index(
        "ix_handoff_summaries_conversation_id", "handoff_summaries", ["conversation_id"]
    )

    op.create_table(
        "advisor_accounts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "advisor_id",
            sa.Integer(),
            sa.ForeignKey("advisors.id", ondelete="CASCADE"),
            nullable=False,
            unique=True,
        ),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True)),
        sa.Column("last_login_at", sa.DateTime(timezone=True)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "portal_sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column(
            "advisor_id",
            sa.Integer(),
            sa.ForeignKey("advisors.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_portal_sessions_advisor_id", "portal_sessions", ["advisor_id"])
    op.create_index("ix_portal_sessions_expires_at", "portal_sessions", ["expires_at"])

    with op.batch_alter_table("outbox_messages") as batch:
        batch.add_column(
            sa.Column("channel", sa.String(10), nullable=False, server_default="email")
        )
        batch.add_column(sa.Column("summary_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_outbox_messages_summary_id",
            "handoff_summaries",
            ["summary_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch.create_index("ix_outbox_messages_summary_id", ["summary_id"])


def downgrade() -> None:
    with op.batch_alter_table("outbox_messages") as batch:
        batch.drop_index("ix_outbox_messages_summary_id")
        batch.drop_constraint("fk_outbox_messages_summary_id", type_="foreignkey")
        batch.drop_column("summary_id")
        batch.drop_column("channel")
    op.drop_table("portal_sessions")
    op.drop_table("advisor_accounts")
    op.drop_table("handoff_summaries")
    op.drop_table("callback_requests")
