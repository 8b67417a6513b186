"""Every table's model, imported in one place: what migrations/env.py and the schema test
compare against. A new model module is added here (tests/bot/scheduling/test_schema.py fails
when a table in the migrations has no model imported here)."""

from bot.db import attempts, audit, idempotency, models  # noqa: F401
from bot.handoff import models as handoff_models  # noqa: F401
from bot.privacy import models as privacy_models  # noqa: F401
from bot.scheduling import models as scheduling_models  # noqa: F401
from bot.team import models as team_models  # noqa: F401

Base = models.Base
