"""Content files are validated when loaded; broken files fail loudly, naming file and field."""

from pathlib import Path

import pytest
import yaml

from bot.content import ContentError, get_content, load_content
from bot.content.loader import CONTENT_DIR


def test_shipped_content_loads_with_four_statements_per_component():
    content = get_content()
    components = [c.id for c in content.model.components]
    assert len(components) == 5
    for component in components:
        assert sum(s.component == component for s in content.questions.statements) == 4
    assert [level.name for level in content.model.levels] == [
        "Startend",
        "Lerend",
        "Uitvoerend",
        "Verbindend",
        "Integraal",
    ]


def test_benchmark_only_has_confirmed_figures():
    bench = get_content().model.benchmark
    assert bench.component_means == {"strategie_budget": 2.3, "cultuur_competenties": 3.3}
    assert bench.size_class_means == {"strategie_budget": {"51-100": 1.69}}
    assert bench.year == 2025 and bench.level_shares == {"Lerend": 39, "Uitvoerend": 41}


def _broken_copy(tmp_path: Path, filename: str, change) -> Path:
    for name in ("model.yml", "questions.yml"):
        data = yaml.safe_load((CONTENT_DIR / name).read_text(encoding="utf-8"))
        if name == filename:
            change(data)
        (tmp_path / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "filename,change,expected",
    [
        (
            "questions.yml",
            lambda d: d["statements"][0].update(component="marketing"),
            ["questions.yml", "statements[0] (id 'sb_visie').component", "unknown component"],
        ),
        (
            "questions.yml",
            lambda d: d["statements"][1].pop("text"),
            ["questions.yml", "statements[1] (id 'sb_koppeling').text", "field required"],
        ),
        (
            "questions.yml",
            lambda d: d["statements"].append(dict(d["statements"][0])),
            ["questions.yml", "duplicate question ids: sb_visie"],
        ),
        (
            "model.yml",
            lambda d: d["levels"][2].update(min_score=1.5),
            ["model.yml", "levels", "rise strictly"],
        ),
        (
            "model.yml",
            lambda d: d["benchmark"].update(url="den.nl"),
            ["model.yml", "benchmark.url"],
        ),
        (
            "model.yml",
            lambda d: d["benchmark"]["component_means"].update(marketing=3.0),
            ["model.yml", "benchmark.component_means", "unknown component 'marketing'"],
        ),
    ],
)
def test_broken_content_is_rejected_with_file_and_field(tmp_path, filename, change, expected):
    directory = _broken_copy(tmp_path, filename, change)
    with pytest.raises(ContentError) as error:
        load_content(directory)
    for fragment in expected:
        assert fragment in str(error.value)


def test_invalid_yaml_names_the_file(tmp_path):
    _broken_copy(tmp_path, "", lambda d: None)
    (tmp_path / "model.yml").write_text("components: [unclosed", encoding="utf-8")
    with pytest.raises(ContentError, match="model.yml: not valid YAML"):
        load_content(tmp_path)
