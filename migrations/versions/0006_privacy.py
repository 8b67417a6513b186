"""Privacy: retention bookkeeping and data deletion support.

Revision ID: 0006_privacy
Revises: 0005_team
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_privacy"
down_revision = "0005_team"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "deletion_requests",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("conversation_id", sa.String(255)),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("turn_after", sa.Float, nullable=False),
        sa.Column("tracker_cutoff", sa.Float),
        sa.Column("tracker_purged_at", sa.DateTime(timezone=True)),
        sa.Column("closed_at", sa.DateTime(timezone=True)),
        sa.Column("summary", sa.JSON, nullable=False),
    )
    op.create_index(
        "ix_deletion_requests_conversation_id", "deletion_requests", ["conversation_id"]
    )
    op.create_index("ix_deletion_requests_closed_at", "deletion_requests", ["closed_at"])
    op.create_table(
        "retention_runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cutoff", sa.DateTime(timezone=True), nullable=False),
        sa.Column("retention_days", sa.Integer, nullable=False),
        sa.Column("counts", sa.JSON, nullable=False),
    )
    op.create_index("ix_retention_runs_started_at", "retention_runs", ["started_at"])


def downgrade() -> None:
    op.drop_index("ix_retention_runs_started_at", table_name="retention_runs")
    op.drop_table("retention_runs")
    op.drop_index("ix_deletion_requests_closed_at", table_name="deletion_requests")
    op.drop_index("ix_deletion_requests_conversation_id", table_name="deletion_requests")
    op.drop_table("deletion_requests")
