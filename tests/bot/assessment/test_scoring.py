import pytest

from bot.assessment.scoring import level_for, score_answers
from bot.content import get_content

CONTENT = get_content()
LEVELS = CONTENT.model.levels
STATEMENTS = {
    c.id: [s.id for s in CONTENT.questions.statements if s.component == c.id]
    for c in CONTENT.model.components
}


def answers_for(**per_component):
    """Answer every statement of a component with the same value (list = per statement)."""
    answers = {}
    for component, value in per_component.items():
        values = value if isinstance(value, list) else [value] * len(STATEMENTS[component])
        for statement, v in zip(STATEMENTS[component], values, strict=False):
            if v != "skip":
                answers[statement] = v
    return answers


@pytest.mark.parametrize(
    "score,level",
    [
        (1.0, "Startend"),
        (1.79, "Startend"),
        (1.8, "Lerend"),
        (2.59, "Lerend"),
        (2.6, "Uitvoerend"),
        (3.39, "Uitvoerend"),
        (3.4, "Verbindend"),
        (4.19, "Verbindend"),
        (4.2, "Integraal"),
        (5.0, "Integraal"),
    ],
)
def test_level_boundaries(score, level):
    assert level_for(score, LEVELS).name == level


@pytest.mark.parametrize("score", [0.99, 5.01, 0])
def test_level_rejects_scores_outside_the_scale(score):
    with pytest.raises(ValueError):
        level_for(score, LEVELS)


def test_component_mean_and_level():
    result = score_answers(answers_for(strategie_budget=[1, 2, 2, 3]), CONTENT)
    sb = result.component("strategie_budget")
    assert sb.mean == 2.0 and sb.level.name == "Lerend" and sb.answered == 4


def test_unknown_and_skipped_do_not_count_as_zero():
    result = score_answers(answers_for(strategie_budget=[4, None, "skip", 4]), CONTENT)
    sb = result.component("strategie_budget")
    assert sb.mean == 4.0
    assert (sb.answered, sb.unknown, sb.total) == (2, 1, 4)


def test_component_with_too_few_answers_is_reported_not_scored():
    result = score_answers(answers_for(publiek_waarde=[3, None, None, "skip"]), CONTENT)
    pw = result.component("publiek_waarde")
    assert pw.mean is None and not pw.sufficient and pw.answered == 1
    assert pw in result.insufficient


def test_overall_weakest_strongest_spread():
    result = score_answers(
        answers_for(
            strategie_budget=2,
            cultuur_competenties=4,
            publiek_waarde=3,
            data_technologie=3,
            processen_structuur=3,
        ),
        CONTENT,
    )
    assert result.overall_mean == 3.0 and result.overall_level.name == "Uitvoerend"
    assert result.weakest == "strategie_budget" and result.strongest == "cultuur_competenties"
    assert result.spread == 2.0


def test_strategy_and_budget_wins_a_tie_for_weakest():
    result = score_answers(
        answers_for(data_technologie=2, strategie_budget=2, publiek_waarde=4), CONTENT
    )
    assert result.weakest == "strategie_budget"


def test_tie_without_strategy_takes_model_order():
    result = score_answers(
        answers_for(publiek_waarde=2, data_technologie=2, strategie_budget=4), CONTENT
    )
    assert result.weakest == "publiek_waarde"


def test_nothing_answered_gives_no_overall_and_no_weakest():
    result = score_answers({}, CONTENT)
    assert result.overall_mean is None and result.weakest is None and result.spread is None
    assert len(result.insufficient) == 5


def test_single_scored_component_has_no_spread():
    result = score_answers(answers_for(strategie_budget=3), CONTENT)
    assert result.spread is None and result.weakest == "strategie_budget"


def test_answer_outside_scale_is_rejected():
    with pytest.raises(ValueError):
        score_answers({"sb_visie": 6, "sb_budget": 3}, CONTENT)
