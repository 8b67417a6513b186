"""The answer model's training data is content: a bad file names itself, and the model is
trained the same way every time."""

import pytest

from bot.assessment import answer_model
from bot.assessment.answer_data import load_examples
from bot.content import get_content
from bot.content.loader import ContentError

CONTENT = get_content()


def write(tmp_path, body):
    path = tmp_path / "answers.yml"
    path.write_text(body, encoding="utf-8")
    return [path]


@pytest.mark.parametrize(
    "body,message",
    [
        ('author: X\nstatements:\n  sb_nope:\n  - {text: "ja", value: 4}\n', "sb_nope"),
        ('author: X\nstatements:\n  sb_budget:\n  - {text: "ja", value: 7}\n', "outside 1-5"),
        (
            'author: X\nstatements:\n  sb_budget:\n  - {text: "ja", value: 4, also: 2}\n',
            "neighbour",
        ),
        ('author: X\nprofile:\n  size_class:\n  - {text: "veel", value: "huge"}\n', "huge"),
        ('author: X\nprofile:\n  organisation:\n  - {text: "Museum", value: "x"}\n', "choice"),
    ],
)
def test_a_bad_answer_file_is_refused_with_its_name_and_reason(tmp_path, body, message):
    with pytest.raises(ContentError) as error:
        load_examples(CONTENT, write(tmp_path, body))
    assert message in str(error.value) and "answers.yml" in str(error.value)


def test_training_is_deterministic():
    statements, profile = load_examples(CONTENT)
    sample = statements[::7]
    first = answer_model.train(sample, profile)
    second = answer_model.train(sample, profile)
    text = "nee, iedereen doet maar wat"
    assert first.read("ps_rollen", text) == second.read("ps_rollen", text)
    assert first.data_fingerprint == second.data_fingerprint


def test_the_served_model_reads_every_statement_and_choice_question():
    model = answer_model.served_model()
    for statement in CONTENT.questions.statements:
        probabilities = model.read(statement.id, "weet ik eigenlijk niet")
        assert set(probabilities) == {"1", "2", "3", "4", "5", "unknown", "none"}
        assert abs(sum(probabilities.values()) - 1) < 1e-6
    for question in CONTENT.questions.profile:
        if question.kind == "choice":
            options = {o.value for o in question.options}
            assert set(model.read(question.id, "geen idee")) <= options | {"unknown", "none"}


def test_a_model_for_other_library_versions_is_refused(tmp_path):
    import joblib

    path = tmp_path / "answer-model.joblib"
    joblib.dump({"format": answer_model.FORMAT_VERSION, "sklearn": "0.0", "model": None}, path)
    with pytest.raises(answer_model.AnswerModelMissing):
        answer_model.load(path)
