"""Scans and resume codes.

Revision ID: 0001_scans
Revises:
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_scans"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scan_progress",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(12), nullable=False, unique=True),
        sa.Column("conversation_id", sa.String(255), nullable=False),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_scan_progress_conversation_id", "scan_progress", ["conversation_id"])
    op.create_table(
        "scans",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("public_id", sa.String(32), nullable=False, unique=True),
        sa.Column("conversation_id", sa.String(255), nullable=False),
        sa.Column("organisation", sa.String(120)),
        sa.Column("organisation_key", sa.String(120)),
        sa.Column("institution_type", sa.String(40)),
        sa.Column("size_class", sa.String(10)),
        sa.Column("role", sa.String(40)),
        sa.Column("funding", sa.String(40)),
        sa.Column("strategic_moment", sa.String(40)),
        sa.Column("strategic_timing", sa.String(40)),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("open_answers", sa.JSON(), nullable=False),
        sa.Column("scores", sa.JSON(), nullable=False),
        sa.Column("overall_mean", sa.Float()),
        sa.Column("overall_level", sa.String(20)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("notes", sa.Text()),
    )
    op.create_index("ix_scans_conversation_id", "scans", ["conversation_id"])
    op.create_index("ix_scans_organisation_key", "scans", ["organisation_key"])
    op.create_index("ix_scans_created_at", "scans", ["created_at"])


def downgrade() -> None:
    op.drop_table("scans")
    op.drop_table("scan_progress")
