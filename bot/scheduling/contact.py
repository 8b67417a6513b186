"""Contact details typed in a chat: e-mail (with typo suggestions), Dutch phone numbers, names.

E-mail typos: a suggestion is only made for a domain that is almost a well-known mail provider
(gmial.com, hotmail.con) or has an impossible ending (.con, .cmo, .nl.nl). Any other domain is
left alone, so an organisation's own domain (or a real one we do not list, like outlook.nl) is
never "corrected".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Dict, Optional, Tuple

from email_validator import EmailNotValidError, validate_email

from bot.text import edit_distance

# Well-known consumer and Dutch provider domains that people mistype.
KNOWN_DOMAINS = (
    "gmail.com",
    "googlemail.com",
    "hotmail.com",
    "hotmail.nl",
    "outlook.com",
    "live.nl",
    "live.com",
    "msn.com",
    "icloud.com",
    "yahoo.com",
    "ziggo.nl",
    "kpnmail.nl",
    "kpnplanet.nl",
    "planet.nl",
    "xs4all.nl",
    "home.nl",
    "hetnet.nl",
    "upcmail.nl",
    "telfort.nl",
    "casema.nl",
    "chello.nl",
    "zeelandnet.nl",
    "quicknet.nl",
    "protonmail.com",
    "proton.me",
)
# Providers with exactly one domain: gmail.nl or icloud.nl does not exist.
SINGLE_DOMAIN = {"gmail": "gmail.com", "icloud": "icloud.com", "kpnmail": "kpnmail.nl"}
# Endings that are no real top-level domain, or a doubled one.
TLD_TYPOS: Dict[str, str] = {
    "con": "com",
    "cmo": "com",
    "ocm": "com",
    "vom": "com",
    "xom": "com",
    "comm": "com",
    "coom": "com",
    "nll": "nl",
    "nl.nl": "nl",
    "com.com": "com",
}


@dataclass(frozen=True)
class EmailCheck:
    """ok: the address is well-formed; suggestion: "did you mean ...?" (ask, never replace)."""

    ok: bool
    normalized: Optional[str] = None
    suggestion: Optional[str] = None


def check_email(text: str) -> EmailCheck:
    candidate = _strip_wrapping(text)
    suggestion = _suggest(candidate)
    try:
        result = validate_email(candidate, check_deliverability=False)
    except EmailNotValidError:
        return EmailCheck(ok=False, suggestion=suggestion)
    return EmailCheck(ok=True, normalized=result.normalized, suggestion=suggestion)


def normalise_phone(text: str) -> Optional[str]:
    """A Dutch phone number in E.164 ("+31612345678"), or None when it is not one.

    Accepts 06-12345678, 06 1234 5678, +31 6 1234 5678, +31 (0)6 12345678, 0031 20 1234567 and
    020-1234567. A Dutch number has 9 digits after the 0 (or +31). Numbers from other countries
    are kept when written internationally (+32 ...) with 8 to 15 digits.
    """
    value = text.strip()
    if not value or re.search(r"[^\d\s\-./()+]", value):
        return None
    value = value.replace("(0)", "")
    plus = value.startswith("+")
    digits = re.sub(r"\D", "", value)
    if plus and digits.startswith("31") or digits.startswith("0031"):
        national = digits[2:] if plus else digits[4:]
    elif plus or digits.startswith("00"):
        digits = digits if plus else digits[2:]
        return f"+{digits}" if 8 <= len(digits) <= 15 and digits[0] != "0" else None
    elif digits.startswith("0") and not digits.startswith("00"):
        national = digits[1:]
    else:
        return None
    if len(national) != 9 or national[0] == "0":
        return None
    return f"+31{national}"


# "https://x", "www.x", "x.nl/...", "name@x": never part of a name
LINK = re.compile(r"(?i)(?:[a-z][a-z0-9+.-]*://|www\.|@|\b[a-z0-9-]+\.(?:[a-z]{2,24})(?:\b|/))")


def clean_name(text: str, *, min_length: int = 2, max_length: int = 100) -> Optional[str]:
    """A name (of a person or organisation) without markup or control characters, or None.

    None when it is shorter than min_length or longer than max_length after cleaning, has no
    letter at all, or holds a link, a web address or an e-mail address: names go into e-mails
    DEN sends, and nobody may use those to send others a link.
    """
    if LINK.search(text):
        return None
    value = re.sub(r"<[^>]*>", " ", text)  # markup
    value = "".join(" " if unicodedata.category(c).startswith("C") else c for c in value)
    value = re.sub(r"[<>{}\[\]\\]", " ", value)
    value = re.sub(r"\s+", " ", value).strip()
    if not min_length <= len(value) <= max_length or not any(c.isalpha() for c in value):
        return None
    return value


def _strip_wrapping(text: str) -> str:
    value = text.strip().strip("<>").strip()
    if value.lower().startswith("mailto:"):
        value = value[len("mailto:") :]
    return value.rstrip(".,;")


def _suggest(address: str) -> Optional[str]:
    if address.count("@") != 1:
        return None
    local, domain = address.split("@")
    domain = domain.lower().strip(".")
    if not local or "." not in domain:
        return None
    fixed = _fix_domain(domain)
    return f"{local}@{fixed}" if fixed and fixed != domain else None


def _fix_domain(domain: str) -> Optional[str]:
    name, tld = _split(domain)
    for typo, right in TLD_TYPOS.items():
        if domain.endswith("." + typo):
            name, tld = domain[: -len(typo) - 1], right
            break
    if name in SINGLE_DOMAIN:
        return SINGLE_DOMAIN[name]
    candidate = f"{name}.{tld}"
    if candidate in KNOWN_DOMAINS:
        return candidate
    close = [known for known in KNOWN_DOMAINS if _is_close(name, tld, known)]
    if len(close) == 1:
        return close[0]
    # an impossible ending on an unknown domain: fix only the ending
    return candidate if candidate != domain else None


def _split(domain: str) -> Tuple[str, str]:
    name, _, tld = domain.rpartition(".")
    return name, tld


def _is_close(name: str, tld: str, known: str) -> bool:
    known_name, known_tld = _split(known)
    if tld != known_tld:
        return False
    allowed = 1 if len(known_name) < 6 else 2
    return 0 < edit_distance(name, known_name) <= allowed


_VIDEO_WORDS = ("video", "online", "teams", "zoom")
_VISIT_WORDS = ("locatie", "langs", "kantoor", "fysiek")


def read_mode(payload: Optional[str], text: str) -> Optional[str]:
    """The way of meeting from a button ("video", "op_locatie") or the words; None if unclear."""
    if payload in ("video", "op_locatie"):
        return payload
    lowered = text.lower()
    if any(word in lowered for word in _VIDEO_WORDS):
        return "video"
    if any(word in lowered for word in _VISIT_WORDS):
        return "op_locatie"
    return None


def parse_contact(text: str) -> Optional[Dict[str, str]]:
    """An e-mail address or a phone number from what the user typed, or None."""
    if "@" in text:
        word = next(w for w in text.replace(",", " ").split() if "@" in w)
        check = check_email(word)
        return {"email": check.normalized} if check.ok else None
    phone = normalise_phone(text)
    return {"phone": phone} if phone else None
