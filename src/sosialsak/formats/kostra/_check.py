"""SSB's controls before sending: a file in, findings with SSB's rule ids and severities out.

The controls are those of SSB's specification (``specs_felles_sosialtjenesten_2025.md`` and
``felles_posisjonsbaserte_filvedlegg.md``): 000 (a file at all), 001 (record length; FATAL,
stops the rest), 002 (each field against the layout: mandatory, integer, date, code list),
003–013 (kommune, bydel, årgang, fødselsdato, fødselsnummer, kjønn, sivilstand, children).
The 11F controls SSB's control programme adds for the schema (months, sums, conditions) and a
few of our own for 11CF (dates in order, an end date for a finished programme; ids ``S…``)
are in ``_rules.py``. A FATAL or ERROR finding means the file is not ready to send.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from sosialsak.formats.kostra._layout import Layout
from sosialsak.formats.kostra._record import ENCODING, decode_line, java_to_strftime

FATAL, ERROR, WARNING, INFO = "FATAL", "ERROR", "WARNING", "INFO"
BLOCKING = frozenset({FATAL, ERROR})


@dataclass(frozen=True)
class Finding:
    rule: str  # SSB's control id, e.g. "001", "004A", "K036"; ours start with "S"
    severity: str
    message: str
    line: int = 0  # 1-based line in the file; 0 for the file as a whole
    journalnr: str = ""  # the record's PERSON_JOURNALNR, to find the case
    field: str = ""


@dataclass(frozen=True)
class Report:
    schema: str
    year: int
    records: int
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def ready(self) -> bool:
        """Whether SSB would take the file: no FATAL or ERROR finding."""
        return not any(f.severity in BLOCKING for f in self.findings)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def rules_fired(self) -> set[str]:
        return {f.rule for f in self.findings}


@dataclass(frozen=True)
class Context:
    layout: Layout
    kommunenummer: str
    bydelsnummer: str


Rec = dict[str, str]
RecordRule = Callable[[Context, Rec], Iterable[tuple[str, str, str, str]]]


def parse_date(text: str, pattern: str = "ddMMyyyy") -> date | None:
    """A date in the field's pattern, or None when blank or invalid."""
    if len(text) != len(pattern) or not text.isdigit():
        return None
    try:
        if pattern == "ddMMyyyy":  # the common case, without strptime's cost
            return date(int(text[4:]), int(text[2:4]), int(text[:2]))
        return datetime.strptime(text, java_to_strftime(pattern)).date()  # noqa: DTZ007 - a day
    except ValueError:
        return None


def as_int(text: str) -> int | None:
    t = text.strip()
    if not t:
        return 0
    try:
        return int(t)
    except ValueError:
        return None


def check_file(layout: Layout, data: bytes, *, kommunenummer: str,
               bydelsnummer: str = "") -> Report:
    """Run SSB's controls on a file; a FATAL stops the rest, as in SSB's programme."""
    from sosialsak.formats.kostra._rules import FILE_RULES, RECORD_RULES

    if data.strip(b"\n") == b" ":  # 000: nobody to report, the file is one space
        return Report(layout.schema, layout.year, 0)
    if not data:
        return Report(layout.schema, layout.year, 0, (Finding(
            "000", FATAL, "Filvedlegget mangler eller er tomt."),))
    text = data.decode(ENCODING)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    # isprintable() is False for every whitespace but the ASCII space, and for control codes
    bad = [i for i, ln in enumerate(lines, 1)
           if len(ln) != layout.record_length or not ln.isprintable()]
    if bad:
        shown = ", ".join(str(i) for i in bad[:20]) + (" …" if len(bad) > 20 else "")
        return Report(layout.schema, layout.year, len(lines), (Finding(
            "001", FATAL,
            f"Korrigér filen slik at alle records er på {layout.record_length} tegn, mellomrom "
            "brukes for alle blanke posisjoner og avslutter med linjeskift. Denne fatale feilen "
            f"hindrer de andre kontrollene i å bli kjørt. Gjelder for linjene: {shown}",
            line=bad[0]),))
    ctx = Context(layout, kommunenummer, bydelsnummer)
    records = [decode_line(layout, ln) for ln in lines]
    findings: list[Finding] = []
    for number, rec in enumerate(records, 1):
        journal = rec.get("PERSON_JOURNALNR", "").strip()
        for rule in RECORD_RULES:
            try:
                hits = list(rule(ctx, rec))
            except KeyError:  # the rule's field is not in this year's layout (FODSELSDATO, 2024)
                continue
            findings.extend(Finding(rule_id, severity, message, number, journal, name)
                            for rule_id, severity, name, message in hits)
    for file_rule in FILE_RULES:
        findings.extend(file_rule(ctx, records))
    return Report(layout.schema, layout.year, len(records), tuple(findings))
