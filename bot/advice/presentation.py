"""How a matched pathway reads in chat and is stored with a scan (plain data, no Rasa)."""

from __future__ import annotations

from typing import Dict, List, Sequence

from bot.advice.catalogue import Catalogue
from bot.advice.consultation import ConsultationDecision
from bot.advice.matcher import PathwayMatch


def pathway_text(match: PathwayMatch) -> str:
    """Title, why, first steps and links, short enough for a chat bubble."""
    pathway = match.pathway
    steps = "\n".join(f"{number}. {step}" for number, step in enumerate(pathway.steps, 1))
    links = "\n".join(f"• {r.title}: {r.url}" for r in pathway.resources if r.url)
    return f"{pathway.title}\n{match.reason}\nEerste stappen:\n{steps}\nMeer weten:\n{links}"


def to_record(matches: Sequence[PathwayMatch], decision: ConsultationDecision) -> Dict:
    """What is stored with a scan: ids and the reasons given, so pages show the same advice."""
    return {
        "pathways": [{"id": m.id, "role": m.role, "reason": m.reason} for m in matches],
        "consultation": {
            "propose": decision.propose,
            "criteria": list(decision.criteria),
            "reasons": list(decision.reasons),
        },
    }


def from_record(record: Dict, catalogue: Catalogue) -> List[Dict]:
    """Stored advice back to title, reason, steps and links for the results page."""
    shown = []
    for item in (record or {}).get("pathways", []):
        pathway = catalogue.get(item["id"])
        shown.append(
            {
                "title": pathway.title,
                "reason": item["reason"],
                "steps": list(pathway.steps),
                "resources": [(r.title, r.url) for r in pathway.resources if r.url],
            }
        )
    return shown


STEP_COUNT_WORDS = {2: "twee", 3: "drie", 4: "vier"}


def intro_sentence(count: int) -> str:
    """'Dit is de stap ...' for one pathway, 'Dit zijn de drie stappen ...' for more."""
    if count == 1:
        return "Dit is de stap die ik jullie aanraad."
    return f"Dit zijn de {STEP_COUNT_WORDS.get(count, str(count))} stappen die ik jullie aanraad."
