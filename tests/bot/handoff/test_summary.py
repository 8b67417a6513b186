"""The handoff summary: the right facts from the scan and the booking, rendered safely."""

from bot.db.session import session_scope
from bot.handoff import render, summary
from bot.handoff.models import HandoffSummary
from bot.handoff.service import booking_sources, create_booking_summary
from bot.scheduling.models import OutboxMessage
from bot.settings import Settings

from .helpers import OWN_WORDS, make_booking

SETTINGS = Settings(portal_base_url="https://portaal.den.example", handoff_webhook_url="")


def test_booking_summary_has_profile_scores_weakest_advice_moment_words_slot_and_code(
    database_url,
):
    with session_scope() as session:
        consultation = make_booking(session)
        data = summary.summarise(booking_sources(session, consultation))
        reference = consultation.reference
    assert data["kind"] == "booking" and data["reference"] == reference
    assert data["organisation"] == "Museum Gouda"
    assert data["profile"]["institution_type"] == {"value": "museum", "label": "Museum"}
    assert data["profile"]["size_class"]["label"] == "11 tot 50 fte"
    assert data["attendee"] == {
        "name": "Jan Jansen",
        "email": "jan@museumgouda.example",
        "phone": "+31612345678",
    }
    by_component = {c["component"]: c for c in data["scores"]}
    assert by_component["strategie_budget"]["score"] == 1.0
    assert by_component["strategie_budget"]["level_name"] == "Startend"
    assert by_component["data_technologie"]["level"] == 4
    assert data["weakest"] == {"component": "strategie_budget", "name": "Strategie & budget"}
    assert [p["id"] for p in data["pathways"]] == [
        "p02_digitale_strategie",
        "p03_structureel_budget",
    ]
    assert data["strategic_moment"]["label"] == "Subsidieaanvraag"
    assert data["strategic_moment"]["timing_label"] == "Binnen 6 maanden"
    assert data["own_words"][0]["answer"] == OWN_WORDS
    assert data["slot"]["start"] == "2026-11-26T10:00:00+01:00"  # ISO 8601 with offset
    assert data["slot"]["end"] == "2026-11-26T11:00:00+01:00"
    assert (
        data["slot"]["advisor"] == "Sanne de Vries"
        and data["slot"]["mode_label"] == "Online (video)"
    )


def test_text_and_html_read_well_and_user_text_is_escaped_in_html(database_url):
    with session_scope() as session:
        consultation = make_booking(session, contact_name="Jan <b>Jansen</b>")
        data = summary.summarise(booking_sources(session, consultation))
    data["attendee"]["name"] = "<script>alert(1)</script> Jansen"  # as if stored unchecked
    rendered = render.render(data, "https://portaal.den.example/gesprekken/1")
    for phrase in (
        "Adviesgesprek geboekt",
        "Organisatie: Museum Gouda",
        "Soort instelling: Museum",
        "Wanneer: donderdag 26 november 2026 om 10:00 tot 11:00",
        "- Strategie & budget: 1,0 van 5, niveau 1 Startend",
        "Zwakste onderdeel: Strategie & budget",
        "- Schrijf een digitale strategie in 5 stappen: Jullie strategie is nog los.",
        "Strategisch moment: Subsidieaanvraag (binnen 6 maanden)",
        f'"{OWN_WORDS}"',
    ):
        assert phrase in rendered.text, phrase
    assert "{" not in rendered.text and "scan_state" not in rendered.text  # no raw dumps
    assert "<script>" not in rendered.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Jansen" in rendered.html
    assert "projecten &amp; niemand heeft &lt;tijd&gt;" in rendered.html
    assert rendered.subject.startswith("Adviesgesprek DEN-") and "Museum Gouda" in rendered.subject


def test_subject_cannot_carry_extra_mail_headers():
    data = {"kind": "callback", "organisation": "Museum\r\nBcc: spam@example.org"}
    subject = render.subject_for(data)
    assert "\n" not in subject and "\r" not in subject
    assert subject == "Terugbelverzoek: Museum Bcc: spam@example.org"


def test_summary_of_a_scan_in_progress_says_so_and_shows_answers_so_far():
    state = {
        "version": 1,
        "answers": {
            "organisation": {"value": "Theater Zuid", "text": "Theater Zuid"},
            "institution_type": {"value": "theater_podium", "text": "theater"},
            "sb_visie": {"value": 2, "text": "een beetje"},
            "sb_koppeling": {"value": 2, "text": "een beetje"},
            "sb_budget": {"value": 1, "text": "nee"},
        },
        "skipped": [],
        "history": [],
        "pending": None,
    }
    sources = summary.from_interview(
        "handover", state, attendee=summary.Attendee("Eva", phone="+31612345678"), question="Hulp"
    )
    data = summary.summarise(sources)
    assert data["organisation"] == "Theater Zuid"
    assert data["scan"] == {"public_id": None, "complete": False}
    scored = [c for c in data["scores"] if c["score"] is not None]
    assert [c["component"] for c in scored] == ["strategie_budget"]
    text = render.render(data).text
    assert "Iemand wil nu een adviseur spreken" in text
    assert "(scan nog niet af: tot nu toe)" in text and "Theater of podium" in text
    assert "Waarover wil je een adviseur spreken?" in text and '"Hulp"' in text


def test_booking_summary_is_stored_and_queued_for_the_advisor(database_url):
    with session_scope() as session:
        consultation = make_booking(session)
        record = create_booking_summary(session, consultation, settings=SETTINGS)
        record_id, consultation_id = record.id, consultation.id
    with session_scope() as session:
        stored = session.get(HandoffSummary, record_id)
        assert stored.consultation_id == consultation_id and stored.kind == "booking"
        messages = session.query(OutboxMessage).filter_by(summary_id=record_id).all()
        assert [(m.channel, m.recipient, m.status) for m in messages] == [
            ("email", "sanne@den.example", "pending")
        ]
        assert f"https://portaal.den.example/gesprekken/{consultation_id}" in stored.body_text
