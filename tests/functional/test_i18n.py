"""UI language: Bokmål is the source, and the Nynorsk and English catalogues are complete.

A caseworker switches language with the footer's form (Django's ``set_language``) and gets the
work queue and the case page in that language. The catalogue tests make CI fail when a string
is added to a template or to Python code without a Nynorsk and an English translation, or when
the committed ``.mo`` files are older than the ``.po`` files. To fix such a failure, from
``src/sosialsak``:

    django-admin makemessages -l nb -l nn -l en --ignore "migrations/*" --no-obsolete
    (translate the new msgids in locale/nn and locale/en, and remove any "#, fuzzy")
    django-admin compilemessages

(with DJANGO_SETTINGS_MODULE=sosialsak.config.settings and PYTHONPATH=<repo>/src).
"""

from __future__ import annotations

import ast
import gettext
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from django.utils.translation.template import templatize

SRC = Path(settings.SRC_DIR)
LOCALE = SRC / "locale"
TRANSLATED = ("nn", "en")


@pytest.fixture(autouse=True)
def _reset_language() -> Iterator[None]:
    # LocaleMiddleware leaves the last request's language active in this thread.
    yield
    translation.deactivate()


def _client(user: Any, language: str | None = None) -> Client:
    client = Client()
    client.force_login(user)
    if language:
        response = client.post("/i18n/setlang/", {"language": language, "next": "/arbeidsliste/"})
        assert response.status_code == 302 and response["Location"] == "/arbeidsliste/"
    return client


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# -- Switching language ---------------------------------------------------------------------


def test_bokmal_is_the_default(users, make_soknad) -> None:
    soknad = make_soknad()
    client = _client(users["veileder_a"])

    queue = _page(client, "/arbeidsliste/")
    case = _page(client, f"/soknad/{soknad.pk}/")

    assert '<html lang="nb">' in queue and '<html lang="nb">' in case
    assert "<h1>Åpne søknader</h1>" in queue
    assert '<th scope="col">Søker</th>' in queue
    assert '<h2 id="h-soker">Søker</h2>' in case


def test_a_caseworker_switches_to_english(users, make_soknad) -> None:
    soknad = make_soknad()
    client = _client(users["veileder_a"], "en")

    queue = _page(client, "/arbeidsliste/")
    case = _page(client, f"/soknad/{soknad.pk}/")

    assert '<html lang="en">' in queue
    assert "<h1>Open applications</h1>" in queue
    for header in ("Case number", "Applicant", "Received", "Channel", "Next deadline",
                   "Caseworker"):
        assert f'<th scope="col">{header}</th>' in queue
    assert "1 application</p>" in queue  # blocktranslate count, singular
    assert "Log out" in queue and 'aria-label="Main menu"' in queue
    assert "Søknader, de som haster først" not in queue

    assert '<html lang="en">' in case
    assert f"<title>Case {soknad.pk} – sosialsak</title>" in case
    assert '<h2 id="h-soker">Applicant</h2>' in case
    assert '<h2 id="h-husstand">Household</h2>' in case
    assert "<dt>National identity number</dt>" in case
    assert '<h2 id="h-poster">What is applied for</h2>' in case
    assert 'class="num">Amount</th>' in case
    assert "Living expenses" in case  # a model choice label (gettext_lazy)
    assert "Received" in case  # the application's status


def test_the_mapping_questions_follow_the_language(users, make_soknad) -> None:
    from django.utils import translation

    soknad = make_soknad(barn=1)
    client = _client(users["veileder_sf"], "en")

    overview = _page(client, f"/soknad/{soknad.pk}/kartlegging/")
    bolig = _page(client, f"/soknad/{soknad.pk}/kartlegging/bolig/")

    assert '<th scope="row">Housing</th>' in overview and "Child: Barn 0" in overview
    assert "Is the person at risk of losing their home?" in bolig
    assert "Rents privately" in bolig  # a KOSTRA-coded choice
    assert "Står personen i fare" not in bolig
    # The visitor's language ends with the request; code after it reads Bokmål again.
    assert translation.get_language() == "nb"


def test_a_caseworker_switches_to_nynorsk_and_back(users, make_soknad) -> None:
    soknad = make_soknad()
    client = _client(users["veileder_a"], "nn")

    queue = _page(client, "/arbeidsliste/")
    case = _page(client, f"/soknad/{soknad.pk}/")

    assert '<html lang="nn">' in queue
    assert "<h1>Opne søknader</h1>" in queue
    assert '<th scope="col">Søkjar</th>' in queue
    assert '<th scope="col">Saksbehandlar</th>' in queue
    assert 'aria-label="Hovudmeny"' in queue

    assert '<html lang="nn">' in case
    assert '<h2 id="h-soker">Søkjar</h2>' in case
    assert '<h2 id="h-husstand">Hushald</h2>' in case
    assert "<dt>Namn</dt>" in case
    assert "Livsopphald" in case

    client.post("/i18n/setlang/", {"language": "nb"})
    assert "<h1>Åpne søknader</h1>" in _page(client, "/arbeidsliste/")


# -- The catalogues ---------------------------------------------------------------------------


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str = ""
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)


def _parse_po(path: Path) -> list[Entry]:
    """A tiny .po reader, enough for Django's catalogues: entries are separated by blank lines,
    and comments (including obsolete ``#~`` entries) are skipped."""
    entries: list[Entry] = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        entry, key = Entry(), None
        for raw in block.splitlines():
            line = raw.strip()
            if line.startswith("#,"):
                entry.flags |= {f.strip() for f in line[2:].split(",")}
            elif not line or line.startswith("#"):
                continue
            elif line.startswith('"'):
                assert key is not None, f"{path}: continuation line without a keyword"
                _append(entry, key, ast.literal_eval(line))
            else:
                word, _, rest = line.partition(" ")
                match = re.fullmatch(r"msgstr\[(\d+)\]", word)
                key = ("msgstr", int(match.group(1))) if match else (word, 0)
                _append(entry, key, ast.literal_eval(rest), start=True)
        if key is not None:
            entries.append(entry)
    return entries


def _append(entry: Entry, key: tuple[str, int], text: str, start: bool = False) -> None:
    name, index = key
    if name == "msgstr":
        entry.msgstr[index] = ("" if start else entry.msgstr.get(index, "")) + text
    elif name == "msgctxt":
        entry.msgctxt = ("" if start else (entry.msgctxt or "")) + text
    elif name in ("msgid", "msgid_plural"):
        setattr(entry, name, ("" if start else getattr(entry, name)) + text)
    else:
        raise AssertionError(f"unknown .po keyword {name!r}")


def _catalogue(language: str) -> list[Entry]:
    path = LOCALE / language / "LC_MESSAGES" / "django.po"
    assert path.is_file(), f"missing catalogue {path}"
    return [e for e in _parse_po(path) if e.msgid]  # drop the header


PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_msgid_has_a_translation(language: str) -> None:
    entries = _catalogue(language)
    untranslated = [e.msgid for e in entries
                    if not e.msgstr or any(not s.strip() for s in e.msgstr.values())]
    fuzzy = [e.msgid for e in entries if "fuzzy" in e.flags]
    wrong_placeholders = [
        e.msgid for e in entries
        if any(set(PLACEHOLDER.findall(s)) != set(PLACEHOLDER.findall(e.msgid_plural or e.msgid))
               for s in e.msgstr.values())
    ]
    wrong_plurals = [e.msgid for e in entries if e.msgid_plural and sorted(e.msgstr) != [0, 1]]

    assert len(entries) > 100
    assert untranslated == [], f"{language}: untranslated msgids"
    assert fuzzy == [], f"{language}: fuzzy entries left"
    assert wrong_placeholders == [], f"{language}: placeholders differ from the msgid"
    assert wrong_plurals == [], f"{language}: plural entries need exactly two forms"


def test_the_catalogues_hold_the_same_msgids() -> None:
    def keys(language: str) -> set[tuple[str | None, str, str]]:
        return {(e.msgctxt, e.msgid, e.msgid_plural) for e in _catalogue(language)}

    assert keys("nn") == keys("en") == keys("nb")


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_compiled_mo_file_matches_the_po_file(language: str) -> None:
    mo = LOCALE / language / "LC_MESSAGES" / "django.mo"
    assert mo.is_file(), f"{mo} is missing: run compilemessages"
    with mo.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    stale = []
    for e in _catalogue(language):
        if e.msgid_plural:
            got = [compiled.npgettext(e.msgctxt, e.msgid, e.msgid_plural, n) if e.msgctxt
                   else compiled.ngettext(e.msgid, e.msgid_plural, n) for n in (1, 2)]
            want = [e.msgstr[0], e.msgstr[1]]
        else:
            got = [compiled.pgettext(e.msgctxt, e.msgid) if e.msgctxt
                   else compiled.gettext(e.msgid)]
            want = [e.msgstr[0]]
        if got != want:
            stale.append(e.msgid)
    assert stale == [], f"{mo} is older than the .po file: run compilemessages"


# -- Every marked string in the code is in the catalogues ---------------------------------------

_CALL = re.compile(r"\b(n?p?gettext)\(((?:\s*u?'(?:[^'\\]|\\.)*'\s*,?)+)")
_LITERAL = re.compile(r"u?('(?:[^'\\]|\\.)*')")
_PY_FUNCS = {  # name -> (context arg, singular arg, plural arg), as makemessages asks xgettext
    "_": (None, 0, None), "gettext": (None, 0, None), "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None), "ngettext": (None, 0, 1), "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1, None), "pgettext_lazy": (0, 1, None), "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}


def _skipped(path: Path) -> bool:
    return "migrations" in path.parts or "locale" in path.parts


def _template_msgids(path: Path) -> Iterator[tuple[str | None, str, str]]:
    for kind, args in _CALL.findall(templatize(path.read_text(encoding="utf-8"), origin=path)):
        strings = [ast.literal_eval(s) for s in _LITERAL.findall(args)]
        if kind.startswith("np"):
            yield strings[0], strings[1], strings[2]
        elif kind.startswith("n"):
            yield None, strings[0], strings[1]
        elif kind.startswith("p"):
            yield strings[0], strings[1], ""
        else:
            yield None, strings[0], ""


def _string_arg(args: list[ast.expr], i: int | None) -> str | None:
    if i is None or i >= len(args):
        return None
    a = args[i]
    return a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None


def _python_msgids(path: Path) -> Iterator[tuple[str | None, str, str]]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in _PY_FUNCS):
            ctx, one, many = _PY_FUNCS[node.func.id]
            msgid = _string_arg(node.args, one)
            if msgid is not None:
                yield (_string_arg(node.args, ctx), msgid,
                       _string_arg(node.args, many) or "")


def test_every_marked_string_is_in_the_catalogues() -> None:
    used: dict[tuple[str | None, str, str], Path] = {}
    for path in sorted(SRC.rglob("*.html")) + sorted(SRC.rglob("*.txt")):
        if not _skipped(path):
            used.update({k: path for k in _template_msgids(path)})
    for path in sorted(SRC.rglob("*.py")):
        if not _skipped(path):
            used.update({k: path for k in _python_msgids(path)})

    assert len(used) > 100
    for language in TRANSLATED:
        known = {(e.msgctxt, e.msgid, e.msgid_plural) for e in _catalogue(language)}
        missing = sorted(f"{path.relative_to(SRC)}: {key[1]!r}"
                         for key, path in used.items() if key not in known)
        assert missing == [], f"{language}: strings not in the catalogue; run makemessages"


def test_the_condition_catalogue_and_exemption_reasons_follow_the_language(
    users, make_soknad
) -> None:
    soknad = make_soknad()
    client = _client(users["veileder_sf"], "en")

    builder = _page(client, f"/soknad/{soknad.pk}/vedtak/ny/")

    assert "Attend guidance meetings" in builder  # KOSTRA condition type
    assert "The recipient is in work" in builder  # § 20 a exemption reason
    assert "Møte til veiledningssamtaler" not in builder
