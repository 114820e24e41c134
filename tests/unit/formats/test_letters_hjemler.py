"""Letters cite the procedural references in force on the letter's date, from the rules' dated
legal data: the 1967 forvaltningsloven before the new act's commencement, LOV-2025-06-20-81
from it. The commencement is set at run time with ``SOSIALSAK_IKRAFTTREDELSER`` (test date)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from sosialsak.formats.letters import letter_text
from tests.unit.formats.letters.letter_samples import FORELOPIG, VARSEL, VEDTAKSBREV

NEW_ACT = "LOV-2025-06-20-81"
COMMENCEMENT = date(2027, 1, 1)  # a test date; the real one is not yet decided


@pytest.fixture
def new_act_in_force(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOSIALSAK_IKRAFTTREDELSER", f"{NEW_ACT}={COMMENCEMENT.isoformat()}")


def dated(letter, on: date):  # type: ignore[no-untyped-def]
    changes = {"dato": on}
    for name in ("forventet_dato", "svarfrist"):
        if hasattr(letter, name):
            changes[name] = on.replace(year=on.year + 1)
    return dataclasses.replace(letter, **changes)


def text(letter) -> str:  # type: ignore[no-untyped-def]
    return " ".join(letter_text(letter).split())


class TestBeforeCommencement:
    def test_a_decision_cites_the_1967_act(self, new_act_in_force: None) -> None:
        body = text(dated(VEDTAKSBREV, date(2026, 12, 31)))

        assert "Klagefristen er 3 uker fra den dagen du fikk dette brevet " \
               "(forvaltningsloven § 29)" in body
        assert "(forvaltningsloven § 18)" in body and "(forvaltningsloven § 42)" in body
        assert "§ 63" not in body

    def test_case_letters_cite_the_1967_act(self, new_act_in_force: None) -> None:
        assert "(forvaltningsloven § 11 a)" in text(dated(FORELOPIG, date(2026, 12, 31)))
        assert "fordi forvaltningsloven § 16 sier" in text(dated(VARSEL, date(2026, 12, 31)))

    def test_without_a_commencement_the_1967_act_applies_later_too(self) -> None:
        body = text(dated(VEDTAKSBREV, date(2030, 6, 1)))

        assert "(forvaltningsloven § 29)" in body


class TestFromCommencement:
    def test_a_decision_cites_the_new_numbers(self, new_act_in_force: None) -> None:
        body = text(dated(VEDTAKSBREV, COMMENCEMENT))

        assert "Klagefristen er 3 uker fra den dagen du fikk dette brevet " \
               "(forvaltningsloven § 63)" in body
        assert "(forvaltningsloven § 46)" in body
        assert "§ 29" not in body and "§ 42" not in body and "§ 18)" not in body

    def test_case_letters_cite_the_new_numbers(self, new_act_in_force: None) -> None:
        assert "(forvaltningsloven § 17)" in text(dated(FORELOPIG, COMMENCEMENT))
        assert "fordi forvaltningsloven § 42 sier" in text(dated(VARSEL, COMMENCEMENT))


def test_a_malformed_commencement_setting_names_the_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from sosialsak.contexts.rates.queries import legal_ruleset
    from sosialsak.kernel.errors import DomainError

    monkeypatch.setenv("SOSIALSAK_IKRAFTTREDELSER", f"{NEW_ACT}=1.1.2027")

    with pytest.raises(DomainError, match="SOSIALSAK_IKRAFTTREDELSER"):
        legal_ruleset()


def test_an_act_already_in_force_cannot_be_moved(monkeypatch: pytest.MonkeyPatch) -> None:
    from sosialsak.contexts.rates.queries import legal_ruleset
    from sosialsak.kernel.errors import DomainError

    monkeypatch.setenv("SOSIALSAK_IKRAFTTREDELSER", "LOV-1967-02-10=2030-01-01")

    with pytest.raises(DomainError, match="LOV-1967-02-10: loven er allerede i kraft"):
        legal_ruleset()


def test_a_malformed_setting_stops_the_commands_at_the_system_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    monkeypatch.setenv("SOSIALSAK_IKRAFTTREDELSER", "LOV-2099-01-01-1=2027-01-01")

    with pytest.raises(SystemCheckError, match="SOSIALSAK_IKRAFTTREDELSER: LOV-2099-01-01-1"):
        call_command("check")


def test_references_given_on_the_letter_win() -> None:
    from sosialsak.formats.letters import Lovhenvisninger

    own = Lovhenvisninger(forelopig_svar="fvl A", forhandsvarsel="fvl B", innsyn="fvl C",
                          klagefrist="fvl D", klagefrist_uker=4)

    body = text(dataclasses.replace(VEDTAKSBREV, hjemler=own))

    assert "Klagefristen er 4 uker fra den dagen du fikk dette brevet (fvl D)" in body
    assert "(fvl C)" in body and "klagen er avgjort." in body
