"""Team scans: team codes, respondents and their answers.

Revision ID: 0005_team
Revises: 0004_handoff
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_team"
down_revision = "0004_handoff"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "teams",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(12), nullable=False, unique=True),
        sa.Column("public_id", sa.String(32), nullable=False, unique=True),
        sa.Column("initiator_conversation_id", sa.String(255), nullable=False),
        sa.Column(
            "initiator_scan_id",
            sa.Integer(),
            sa.ForeignKey("scans.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("organisation", sa.String(120)),
        sa.Column("organisation_key", sa.String(120)),
        sa.Column("institution_type", sa.String(40)),
        sa.Column("size_class", sa.String(10)),
        sa.Column("funding", sa.String(40)),
        sa.Column("strategic_moment", sa.String(40)),
        sa.Column("strategic_timing", sa.String(40)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_teams_initiator_conversation_id", "teams", ["initiator_conversation_id"])
    op.create_index("ix_teams_organisation_key", "teams", ["organisation_key"])
    op.create_index("ix_teams_created_at", "teams", ["created_at"])
    op.create_table(
        "team_responses",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "team_id",
            sa.Integer(),
            sa.ForeignKey("teams.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("conversation_id", sa.String(255), nullable=False),
        sa.Column("role", sa.String(40)),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column(
            "scan_id",
            sa.Integer(),
            sa.ForeignKey("scans.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("team_id", "conversation_id", name="uq_team_responses_conversation"),
    )
    op.create_index("ix_team_responses_team_id", "team_responses", ["team_id"])
    op.create_index("ix_team_responses_conversation_id", "team_responses", ["conversation_id"])


def downgrade() -> None:
    op.drop_table("team_responses")
    op.drop_table("teams")
