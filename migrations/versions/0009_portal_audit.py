"""The portal's audit log: sign-ins and views and exports of personal data.

Revision ID: 0009_portal_audit
Revises: 0008_codes
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_portal_audit"
down_revision = "0008_codes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("advisor_id", sa.Integer, sa.ForeignKey("advisors.id", ondelete="SET NULL")),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("target", sa.String(80)),
        sa.Column("address", sa.String(16)),
    )
    op.create_index("ix_audit_events_at", "audit_events", ["at"])


def downgrade() -> None:
    op.drop_index("ix_audit_events_at", table_name="audit_events")
    op.drop_table("audit_events")
