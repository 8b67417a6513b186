import pytest

from bot.scheduling.contact import check_email, clean_name, normalise_phone


@pytest.mark.parametrize(
    "text,normalized,suggestion",
    [
        ("jan@museumgouda.nl", "jan@museumgouda.nl", None),
        ("  <Jan.Jansen@Gmail.COM>  ", "Jan.Jansen@gmail.com", None),
        ("mailto:info@rijksmuseum.nl", "info@rijksmuseum.nl", None),
        ("jan@gmail.con", "jan@gmail.con", "jan@gmail.com"),
        ("jan@gmial.com", "jan@gmial.com", "jan@gmail.com"),
        ("jan@hotmail.con", "jan@hotmail.con", "jan@hotmail.com"),
        ("jan@hotmial.com", "jan@hotmial.com", "jan@hotmail.com"),
        ("jan@gmail.nl", "jan@gmail.nl", "jan@gmail.com"),  # Gmail has only gmail.com
        ("jan@museum.nl.nl", "jan@museum.nl.nl", "jan@museum.nl"),
        ("jan@theater.cmo", "jan@theater.cmo", "jan@theater.com"),
        # real domains stay as they are
        ("jan@outlook.nl", "jan@outlook.nl", None),
        ("jan@ziggo.nl", "jan@ziggo.nl", None),
        ("jan@kpnmail.nl", "jan@kpnmail.nl", None),
        ("jan@xs4all.nl", "jan@xs4all.nl", None),
        ("jan@live.nl", "jan@live.nl", None),
        ("jan@icloud.com", "jan@icloud.com", None),
        ("jan@hema.nl", "jan@hema.nl", None),  # looks a bit like home.nl, but is not a typo
    ],
)
def test_valid_addresses_and_typo_suggestions(text, normalized, suggestion):
    check = check_email(text)
    assert check.ok and check.normalized == normalized and check.suggestion == suggestion


@pytest.mark.parametrize(
    "text", ["jan", "jan@", "@gmail.com", "jan@@gmail.com", "jan@gmail", "jan jansen@gmail.com", ""]
)
def test_invalid_addresses(text):
    check = check_email(text)
    assert not check.ok and check.normalized is None


@pytest.mark.parametrize(
    "text,expected",
    [
        ("06-12345678", "+31612345678"),
        ("06 1234 5678", "+31612345678"),
        ("+31 6 1234 5678", "+31612345678"),
        ("+31 (0)6 12345678", "+31612345678"),
        ("0031 6 12345678", "+31612345678"),
        ("020-1234567", "+31201234567"),
        ("(020) 123 45 67", "+31201234567"),
        ("+32 470 12 34 56", "+32470123456"),
        ("06-1234567", None),  # one digit short
        ("06-123456789", None),
        ("12345678", None),
        ("bel me maar", None),
        ("06-1234567a", None),
        ("", None),
    ],
)
def test_phone_numbers(text, expected):
    assert normalise_phone(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Jan Jansen", "Jan Jansen"),
        ("  Anne-Marie   de Vries ", "Anne-Marie de Vries"),
        ("<b>Jan</b> <script>x</script>", "Jan x"),
        ("Jan\x00\x1b Smit", "Jan Smit"),
        ("Zoë Çelik", "Zoë Çelik"),
        ("J", None),
        ("12345", None),
        ("a" * 101, None),
        ("<img src=x>", None),
    ],
)
def test_clean_name(text, expected):
    assert clean_name(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Je account is geblokkeerd, ga naar https://evil.example",
        "www.den-login.nl",
        "Museum evil.com",
        "mail jan@evil.example",
        "Rijksmuseum.nl/inloggen",
    ],
)
def test_a_name_with_a_link_is_refused_so_den_mail_never_carries_one(text):
    assert clean_name(text) is None


@pytest.mark.parametrize("text", ["St. Joris Gasthuis", "J.P. Coen", "Theater a/d Amstel"])
def test_names_with_dots_and_slashes_are_still_names(text):
    assert clean_name(text) == text
