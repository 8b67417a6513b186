"""The organisation profile gathered at the start of the scan."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Mapping, Optional

HERITAGE_TYPES = frozenset({"museum", "archief", "erfgoedorganisatie"})
PERFORMING_ARTS_TYPES = frozenset({"theater_podium", "festival", "orkest_ensemble"})


@dataclass(frozen=True)
class Profile:
    organisation: Optional[str] = None
    institution_type: Optional[str] = None  # values from questions.yml, e.g. "museum"
    size_class: Optional[str] = None  # "1-10", "11-50", "51-100", ">100"
    role: Optional[str] = None  # e.g. "directie_mt"
    funding: Optional[str] = None  # e.g. "bis", "fondsen", "gemeente_provincie", "geen_structureel"
    strategic_moment: Optional[str] = None  # e.g. "subsidieaanvraag", ..., "geen"
    strategic_timing: Optional[str] = None  # "binnen_6_maanden", "6_12_maanden", "later"

    @classmethod
    def from_answers(cls, answers: Mapping[str, object]) -> Profile:
        """Build a profile from the interview's answers (keys are profile question ids)."""
        fields = cls.__dataclass_fields__
        return cls(**{k: v for k, v in answers.items() if k in fields and isinstance(v, str)})

    @classmethod
    def from_record(cls, record: object) -> Profile:
        """The profile fields of any object that has them (a stored Scan row)."""
        return cls(**{name: getattr(record, name, None) for name in cls.__dataclass_fields__})

    def fields(self) -> Dict[str, Optional[str]]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}

    @property
    def is_heritage(self) -> bool:
        return self.institution_type in HERITAGE_TYPES

    @property
    def is_performing_arts(self) -> bool:
        return self.institution_type in PERFORMING_ARTS_TYPES

    @property
    def is_small(self) -> bool:
        return self.size_class == "1-10"

    @property
    def has_mandate(self) -> bool:
        return self.role == "directie_mt"

    @property
    def moment_soon(self) -> bool:
        return (
            self.strategic_moment not in (None, "geen")
            and self.strategic_timing == "binnen_6_maanden"
        )
