import copy
import re
from pathlib import Path

import pytest
import yaml

from bot.advice.catalogue import PATHWAYS_FILE, get_catalogue, load_catalogue
from bot.content.loader import ContentError

DOMAIN_BRIEF = Path("/work/shared/docs/domain.md")
RAW = yaml.safe_load(PATHWAYS_FILE.read_text(encoding="utf-8"))

# Titles of P1-P18 as domain.md section 9 names them.
TITLES = [
    "Breng je digitale startpunt samen in kaart",
    "Schrijf een digitale strategie in 5 stappen",
    "Van projectgeld naar structureel budget",
    "Digitaal in je subsidieplan en verantwoording",
    "Beleg digitaal eigenaarschap en leiderschap",
    "Digitale vaardigheden en zelfvertrouwen van het hele team",
    "Klein experimenteren, snel leren",
    "Ken je (digitale) publiek",
    "Hybride en online aanbod met waarde",
    "Digitale toegankelijkheid op orde",
    "Leg het ICT-fundament",
    "Van data naar inzicht",
    "Collectie digitaal houdbaar, bruikbaar en zichtbaar",
    "Digitale werkprocessen en projectaanpak",
    "Samen sterker: gedeelde voorzieningen en samenwerking",
    "Impact meten en vertellen",
    "Duurzaam digitaal (twin transition)",
    "Nieuwe technologie (AI) verantwoord verkennen",
]


def test_shipped_catalogue_has_the_18_pathways_in_order():
    catalogue = get_catalogue()
    assert len(catalogue.pathways) == 18
    assert [p.id[:3] for p in catalogue.pathways] == [f"p{n:02d}" for n in range(1, 19)]
    assert [p.title for p in catalogue.pathways] == TITLES


def test_every_pathway_has_three_or_four_steps_and_a_link():
    for pathway in get_catalogue().pathways:
        assert 3 <= len(pathway.steps) <= 4, pathway.id
        assert any(r.url for r in pathway.resources), pathway.id


def test_every_url_is_https():
    urls = [r.url for p in get_catalogue().pathways for r in p.resources if r.url]
    assert urls
    assert all(url.startswith("https://") for url in urls)


@pytest.mark.skipif(not DOMAIN_BRIEF.exists(), reason="domain brief not available")
def test_every_url_comes_from_the_domain_brief():
    brief = DOMAIN_BRIEF.read_text(encoding="utf-8")
    for pathway in get_catalogue().pathways:
        for resource in pathway.resources:
            if resource.url:
                assert resource.url in brief, (pathway.id, resource.url)


def test_sector_pathways_are_bound_to_a_profile():
    catalogue = get_catalogue()
    for pathway_id, flags in (
        ("p13_collectie", {"heritage"}),
        ("p15_samen_sterker", {"small", "performing_arts", "no_structural_funding"}),
    ):
        rules = catalogue.get(pathway_id).triggers
        assert all(r.profile and set(r.profile.flags_any) <= flags for r in rules)


def test_unchanged_copy_loads(tmp_path):
    path = tmp_path / "pathways.yml"
    path.write_text(yaml.safe_dump(RAW, allow_unicode=True), encoding="utf-8")
    assert len(load_catalogue(path).pathways) == 18


def _set(path_in_raw, value):
    def mutate(raw):
        node = raw
        for key in path_in_raw[:-1]:
            node = node[key]
        node[path_in_raw[-1]] = value

    return mutate


def _delete(path_in_raw):
    def mutate(raw):
        node = raw
        for key in path_in_raw[:-1]:
            node = node[key]
        del node[path_in_raw[-1]]

    return mutate


P = "pathways"
BROKEN = [
    # (name, mutation, text the error must contain besides the file name)
    (
        "unknown component",
        _set((P, 2, "components"), ["strategie_budget", "budgetten"]),
        ["p03_structureel_budget", "components", "budgetten"],
    ),
    (
        "unknown component in rule",
        _set((P, 5, "triggers", 0, "component"), "cultuur"),
        ["p06_vaardigheden", "component", "cultuur"],
    ),
    (
        "rule component not listed",
        _set((P, 13, "triggers", 0, "component"), "data_technologie"),
        ["p14_werkprocessen", "triggers", "data_technologie"],
    ),
    ("missing title", _delete((P, 0, "title")), ["p01_startpunt", "title", "field required"]),
    ("empty title", _set((P, 6, "title"), ""), ["p07_klein_experimenteren", "title"]),
    (
        "http url",
        _set((P, 9, "resources", 0, "url"), "http://den.nl/toegankelijkheid"),
        ["p10_toegankelijkheid", "url", "http://den.nl/toegankelijkheid"],
    ),
    (
        "url without scheme",
        _set((P, 1, "resources", 0, "url"), "www.den.nl/academie"),
        ["p02_digitale_strategie", "url"],
    ),
    (
        "url with space",
        _set((P, 1, "resources", 1, "url"), "https://den.nl/a b"),
        ["p02_digitale_strategie", "url"],
    ),
    (
        "unknown statement",
        _set((P, 10, "triggers", 0, "answers", 0, "statement"), "dt_basis"),
        ["p11_ict_fundament", "statement", "dt_basis"],
    ),
    ("duplicate id", _set((P, 1, "id"), "p01_startpunt"), ["p01_startpunt", "duplicate"]),
    ("bad id", _set((P, 3, "id"), "P4 subsidie"), ["P4 subsidie", "id"]),
    (
        "unknown placeholder",
        _set((P, 1, "triggers", 0, "why"), "Jullie scoren {scroe}."),
        ["p02_digitale_strategie", "why", "scroe"],
    ),
    (
        "answer placeholder without answer",
        _set((P, 9, "triggers", 1, "why"), "Je gaf {answer}."),
        ["p10_toegankelijkheid", "why", "answer"],
    ),
    (
        "two sentences",
        _set((P, 13, "triggers", 0, "why"), "Jullie scoren {score}. Dat is laag."),
        ["p14_werkprocessen", "why", "one sentence"],
    ),
    (
        "sector rule without flag",
        _delete((P, 12, "triggers", 0, "profile")),
        ["p13_collectie", "triggers", "sector"],
    ),
    (
        "unknown profile flag",
        _set((P, 14, "triggers", 0, "profile", "flags_any"), ["klein"]),
        ["p15_samen_sterker", "flags_any", "klein"],
    ),
    (
        "unknown moment",
        _set((P, 3, "triggers", 0, "profile", "moment_in"), ["subsidie"]),
        ["p04_subsidieplan", "moment_in", "subsidie"],
    ),
    (
        "unknown role",
        _set((P, 8, "triggers", 0, "role"), "snelle_winst"),
        ["p09_hybride_aanbod", "role", "snelle_winst"],
    ),
    ("five steps", _set((P, 1, "steps"), ["Stap."] * 5), ["p02_digitale_strategie", "steps"]),
    ("extra field", _set((P, 4, "colour"), "blauw"), ["p05_eigenaarschap", "colour"]),
    ("fallback unknown", _set(("fallback", "pathway"), "p99_niets"), ["fallback", "p99_niets"]),
]


@pytest.mark.parametrize("name,mutate,expected", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_catalogue_is_rejected_with_file_entry_and_field(tmp_path, name, mutate, expected):
    raw = copy.deepcopy(RAW)
    mutate(raw)
    path = tmp_path / "pathways.yml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_catalogue(path)
    message = str(error.value)
    assert str(path) in message
    for text in expected:
        assert text in message, f"{text!r} not in:\n{message}"


def test_missing_file_and_bad_yaml_name_the_file(tmp_path):
    with pytest.raises(ContentError, match=re.escape(str(tmp_path / "nope.yml"))):
        load_catalogue(tmp_path / "nope.yml")
    broken = tmp_path / "broken.yml"
    broken.write_text("pathways: [\n", encoding="utf-8")
    with pytest.raises(ContentError, match="broken.yml"):
        load_catalogue(broken)
