"""Codes users type: longer resume and team codes, expiry and attempt limits.

Revision ID: 0008_codes
Revises: 0007_exactly_once
Create Date: 2026-12-02
"""

revision = "0008_codes"
down_revision = "0007_exactly_once"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # filled in by the codes work (issue 17)


def downgrade() -> None:
    pass
