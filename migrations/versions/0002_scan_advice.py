"""Store the advice given with a scan (pathways, reasons, consultation decision).

Revision ID: 0002_scan_advice
Revises: 0001_scans
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_scan_advice"
down_revision = "0001_scans"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("scans") as batch:
        batch.add_column(sa.Column("advice", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("scans") as batch:
        batch.drop_column("advice")
