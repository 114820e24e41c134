"""Events are written in the same transaction as the change they record, and never edited."""

from __future__ import annotations

import pytest

from sosialsak.contexts.decisions import operations as decision_ops
from sosialsak.contexts.intake.models import Hendelse, Soknad
from sosialsak.contexts.people.models import Person
from sosialsak.kernel.errors import ValidationFailed
from tests.helpers import NOW


def test_a_failed_event_write_rolls_back_the_status_change(
    make_soknad, users, scope_of, monkeypatch
) -> None:
    actor = users["veileder_a"]
    soknad = make_soknad()
    before = Hendelse.objects.filter(soknad=soknad).count()

    def broken(**kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk full")

    # change_status lives in the package's private _core module since issue 6
    monkeypatch.setattr("sosialsak.contexts.decisions.operations._core.record_hendelse", broken)
    with pytest.raises(RuntimeError):
        decision_ops.change_status(scope=scope_of(actor), actor=actor, soknad_id=soknad.pk,
                                   target="UNDER_BEHANDLING", now=NOW)

    assert Soknad.objects.get(pk=soknad.pk).status == "MOTTATT"
    assert Hendelse.objects.filter(soknad=soknad).count() == before


def test_registering_writes_the_mottatt_event_with_the_application(make_soknad) -> None:
    soknad = make_soknad()

    types = list(Hendelse.objects.filter(soknad=soknad).values_list("type", flat=True))
    assert types[0] == "intake.soknad.mottatt"
    assert Hendelse.objects.get(soknad=soknad, type="intake.soknad.mottatt").at == NOW


def test_an_invalid_applicant_leaves_nothing_behind(users, offices, scope_of) -> None:
    from sosialsak.contexts.intake.operations import (
        ApplicantInput,
        PostInput,
        SoknadInput,
        register_with_applicant,
    )
    from sosialsak.contexts.people.operations import BarnInput

    actor = users["veileder_a"]
    with pytest.raises(ValidationFailed) as err:
        register_with_applicant(
            scope=scope_of(actor), actor=actor, kontor=offices["A"],
            applicant=ApplicantInput(fodselsnummer="15076500565", fornavn="Ola",
                                     etternavn="Nordmann"),
            partner=None,
            barn=[BarnInput(navn="Per", fodselsdato=NOW.date(), fodselsnummer="01010112345")],
            data=SoknadInput(kanal="TELEFON", mottatt_at=NOW,
                             poster=[PostInput(type="LIVSOPPHOLD")]),
        )

    assert err.value.extra["field"] == "barn[0].fodselsnummer"
    assert Person.objects.count() == 0
    assert Soknad.objects.count() == 0


def test_hendelser_are_append_only(make_soknad) -> None:
    event = Hendelse.objects.filter(soknad=make_soknad()).first()
    assert event is not None

    event.tekst = "endret"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        Hendelse.objects.all().delete()
    with pytest.raises(PermissionError):
        Hendelse.objects.all().update(tekst="x")
