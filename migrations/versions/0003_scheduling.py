"""Adviesgesprekken: advisors, working hours, absences, consultations and the e-mail outbox.

The unique partial index `uq_consultations_booked_slot` (advisor, start) over booked
consultations is what makes double booking impossible; cancelling frees the slot.

Revision ID: 0003_scheduling
Revises: 0002_scan_advice
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_scheduling"
down_revision = "0002_scan_advice"
branch_labels = None
depends_on = None

BOOKED_ONLY = "status = 'booked'"


def upgrade() -> None:
    op.create_table(
        "advisors",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("email", sa.String(254), nullable=False, unique=True),
        sa.Column("expertise", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "working_hours",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "advisor_id",
            sa.Integer(),
            sa.ForeignKey("advisors.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("weekday", sa.SmallInteger(), nullable=False),
        sa.Column("start_time", sa.String(5), nullable=False),
        sa.Column("end_time", sa.String(5), nullable=False),
        sa.CheckConstraint("weekday BETWEEN 0 AND 6", name="ck_working_hours_weekday"),
        sa.CheckConstraint("start_time < end_time", name="ck_working_hours_order"),
    )
    op.create_index("ix_working_hours_advisor_id", "working_hours", ["advisor_id"])
    op.create_table(
        "absences",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "advisor_id",
            sa.Integer(),
            sa.ForeignKey("advisors.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("starts_at < ends_at", name="ck_absences_order"),
    )
    op.create_index("ix_absences_advisor_id", "absences", ["advisor_id"])
    op.create_table(
        "consultations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("reference", sa.String(10), nullable=False, unique=True),
        sa.Column("advisor_id", sa.Integer(), sa.ForeignKey("advisors.id"), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("mode", sa.String(12), nullable=False),
        sa.Column("organisation", sa.String(120), nullable=False),
        sa.Column("contact_name", sa.String(100), nullable=False),
        sa.Column("contact_email", sa.String(254), nullable=False),
        sa.Column("contact_phone", sa.String(20)),
        sa.Column("topic", sa.Text(), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column(
            "scan_public_id",
            sa.String(32),
            sa.ForeignKey("scans.public_id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("consent", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(timezone=True)),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.CheckConstraint("mode IN ('video', 'op_locatie')", name="ck_consultations_mode"),
        sa.CheckConstraint(
            "status IN ('booked', 'cancelled', 'done')", name="ck_consultations_status"
        ),
        sa.CheckConstraint("starts_at < ends_at", name="ck_consultations_order"),
    )
    op.create_index("ix_consultations_advisor_id", "consultations", ["advisor_id"])
    op.create_index("ix_consultations_starts_at", "consultations", ["starts_at"])
    op.create_index("ix_consultations_contact_email", "consultations", ["contact_email"])
    op.create_index(
        "uq_consultations_booked_slot",
        "consultations",
        ["advisor_id", "starts_at"],
        unique=True,
        sqlite_where=sa.text(BOOKED_ONLY),
        postgresql_where=sa.text(BOOKED_ONLY),
    )
    op.create_table(
        "outbox_messages",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("recipient", sa.String(254), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("body_text", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        sa.Column("ics", sa.Text()),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True)),
        sa.Column("last_error", sa.String(200)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
        sa.Column(
            "consultation_id",
            sa.Integer(),
            sa.ForeignKey("consultations.id", ondelete="SET NULL"),
            nullable=True,
        ),
    )
    op.create_index("ix_outbox_messages_due", "outbox_messages", ["status", "next_attempt_at"])
    op.create_index("ix_outbox_messages_consultation_id", "outbox_messages", ["consultation_id"])


def downgrade() -> None:
    op.drop_table("outbox_messages")
    op.drop_index("uq_consultations_booked_slot", table_name="consultations")
    op.drop_table("consultations")
    op.drop_table("absences")
    op.drop_table("working_hours")
    op.drop_table("advisors")
