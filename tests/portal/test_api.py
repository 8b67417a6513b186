"""JSON API: no token no data, filters, and the field formats DEN's tools rely on."""

from __future__ import annotations

import re
from datetime import datetime

import requests

from tests.portal.conftest import API_TOKEN, SCRIPT_NAME, local_day

ISO_WITH_OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d$")
AUTH = {"Authorization": f"Bearer {API_TOKEN}"}


def get(portal, path, headers=AUTH, **params):
    return requests.get(portal.url + path, headers=headers, params=params, timeout=10)


def test_no_token_or_a_wrong_token_gives_no_data(portal):
    for headers in (
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": API_TOKEN},
        {"Authorization": f"Basic {API_TOKEN}"},
    ):
        for path in ("/api/consultations", f"/api/consultations/{portal.ids['with_scan']}"):
            reply = get(portal, path, headers=headers)
            assert reply.status_code == 401, (headers, path)
            assert reply.headers["WWW-Authenticate"].startswith("Bearer")
            assert "consultations" not in reply.json() and "reference" not in reply.json()


def test_a_portal_session_cookie_is_no_api_token(portal):
    browser = portal.login()
    assert browser.get(f"{portal.url}/api/consultations").status_code == 401


def test_all_consultations_with_every_field_in_the_right_format(portal):
    reply = get(portal, "/api/consultations")
    assert reply.status_code == 200 and reply.headers["Content-Type"].startswith("application/json")
    body = reply.json()
    assert body["count"] == len(body["consultations"]) == 5
    item = next(c for c in body["consultations"] if c["reference"] == "DEN-AAA111")
    assert set(item) >= {
        "id",
        "reference",
        "advisor",
        "start",
        "end",
        "mode",
        "status",
        "organisation",
        "contact",
        "summary",
    }
    assert item["id"] == portal.ids["with_scan"]
    assert item["advisor"] == {
        "id": portal.ids["sanne"],
        "name": "Sanne de Vries",
        "email": "sanne@den.example",
    }
    for key in ("start", "end", "created_at", "updated_at"):
        assert ISO_WITH_OFFSET.match(item[key]), (key, item[key])
    start, end = datetime.fromisoformat(item["start"]), datetime.fromisoformat(item["end"])
    assert start == local_day(2, 10) and (end - start).total_seconds() == 3600
    assert item["start"].endswith(("+01:00", "+02:00"))  # Amsterdam time with its offset
    assert item["mode"] == "video" and item["status"] in ("booked", "done")
    assert item["contact"] == {
        "name": "Jan Jansen",
        "email": "jan@museumgouda.example",
        "phone": None,
    }
    summary = item["summary"]
    assert summary["profile"]["institution_type"] == {"value": "museum", "label": "Museum"}
    scores = {s["component"]: s for s in summary["scores"]}
    assert set(scores) == {
        "strategie_budget",
        "cultuur_competenties",
        "publiek_waarde",
        "data_technologie",
        "processen_structuur",
    }
    assert scores["strategie_budget"] == {
        "component": "strategie_budget",
        "name": "Strategie & budget",
        "score": 1.0,
        "level": 1,
        "level_name": "Startend",
        "answered": 4,
        "total": 4,
    }
    assert summary["weakest"]["component"] == "strategie_budget"
    assert [p["id"] for p in summary["pathways"]] == [
        "p02_digitale_strategie",
        "p03_structureel_budget",
    ]
    assert summary["overall"]["level_name"] and isinstance(summary["overall"]["score"], float)


def test_markup_in_data_is_returned_as_data_not_rendered(portal):
    item = get(portal, f"/api/consultations/{portal.ids['script']}").json()
    assert item["contact"]["name"] == SCRIPT_NAME
    assert item["summary"]["scores"] == []  # no scan with this booking


def test_filters_status_advisor_and_dates(portal):
    def codes(**params):
        reply = get(portal, "/api/consultations", **params)
        assert reply.status_code == 200, reply.text
        return sorted(c["reference"] for c in reply.json()["consultations"])

    assert codes(status="cancelled") == ["DEN-CCC333"]
    assert codes(advisor=str(portal.ids["joris"])) == ["DEN-DDD444"]
    assert codes(advisor="JORIS@den.example") == ["DEN-DDD444"]
    assert codes(advisor="nobody@den.example") == []
    day = local_day(3, 0).date().isoformat()
    assert codes(**{"from": day, "to": day}) == ["DEN-BBB222"]  # `to` includes the whole day
    assert codes(**{"from": local_day(3, 14).isoformat()}) == [
        "DEN-BBB222",
        "DEN-CCC333",
        "DEN-DDD444",
    ]
    assert codes(**{"to": local_day(0, 0).isoformat()}) == ["DEN-EEE555"]
    assert codes(status="booked", advisor=str(portal.ids["sanne"]), **{"from": day}) == [
        "DEN-BBB222"
    ]


def test_bad_filters_get_a_400_with_a_reason(portal):
    for params, phrase in (
        ({"status": "gepland"}, "Onbekende status"),
        ({"from": "gisteren"}, "is geen datum"),
        ({"from": "2026-12-02", "to": "2026-12-01"}, "moet voor"),
        ({"sort": "start"}, "Onbekend filter"),
    ):
        reply = get(portal, "/api/consultations", **params)
        assert reply.status_code == 400 and phrase in reply.json()["error"], params


def test_one_consultation_and_an_unknown_id(portal):
    item = get(portal, f"/api/consultations/{portal.ids['other']}").json()
    assert item["reference"] == "DEN-DDD444" and item["organisation"] == "Archief Noord"
    missing = get(portal, "/api/consultations/987654")
    assert missing.status_code == 404 and missing.json() == {"error": "Niet gevonden."}
