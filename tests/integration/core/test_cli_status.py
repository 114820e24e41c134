"""``sosialsak status SOKNAD_ID TARGET --user USERNAME``: the same status rules as the UI and
API, with the user's scope; refusals are one line with exit code 2."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sosialsak.contexts.audit.models import AuditEntry
from sosialsak.contexts.intake.models import Hendelse, Soknad


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("status", *args, stdout=out)
    return out.getvalue()


def refused(*args: str) -> str:
    with pytest.raises(CommandError) as err:
        run(*args)
    assert err.value.returncode == 2
    message = str(err.value)
    assert "\n" not in message and "Traceback" not in message
    return message


def test_a_caseworker_moves_an_application_with_a_reason(make_soknad: Any, users: Any) -> None:
    soknad = make_soknad()

    out = run(str(soknad.pk), "under_behandling", "--user", "va", "--reason", "Startet")

    assert out.strip() == f"Søknad {soknad.pk}: status er nå «Under behandling»."
    assert Soknad.objects.get(pk=soknad.pk).status == "UNDER_BEHANDLING"
    event = Hendelse.objects.get(soknad=soknad, type="intake.soknad.status")
    assert event.data["begrunnelse"] == "Startet" and event.data["fra"] == "MOTTATT"
    assert AuditEntry.objects.filter(action="WRITE", object_id=str(soknad.pk),
                                     channel="cli", actor=users["veileder_a"]).exists()


def test_an_illegal_transition_is_one_line(make_soknad: Any, users: Any) -> None:
    soknad = make_soknad()

    message = refused(str(soknad.pk), "FERDIGBEHANDLET", "--user", "va")

    assert message == "Søknaden kan ikke gå fra «Mottatt» til «Ferdig behandlet»."
    assert Soknad.objects.get(pk=soknad.pk).status == "MOTTATT"


def test_undecided_items_are_named(make_soknad: Any, users: Any) -> None:
    soknad = make_soknad(items=("LIVSOPPHOLD", "STROM"))
    run(str(soknad.pk), "UNDER_BEHANDLING", "--user", "va")

    message = refused(str(soknad.pk), "FERDIGBEHANDLET", "--user", "va")

    assert message.startswith("Søknaden kan ikke ferdigbehandles")
    assert "Mangler vedtak:" in message and "Strøm og oppvarming" in message
    assert Soknad.objects.get(pk=soknad.pk).status == "UNDER_BEHANDLING"


@pytest.mark.parametrize("username", ["vb", "sf46"])
def test_outside_the_users_scope_is_not_found_and_audited(
    make_soknad: Any, users: Any, username: str
) -> None:
    soknad = make_soknad(office="A")

    message = refused(str(soknad.pk), "UNDER_BEHANDLING", "--user", username)

    assert message.startswith("SOKNAD_ID: Fant ikke søknaden")
    assert Soknad.objects.get(pk=soknad.pk).status == "MOTTATT"
    assert AuditEntry.objects.filter(action="DENIED", object_type="soknad",
                                     object_id=str(soknad.pk), channel="cli",
                                     actor_username=username).count() == 1


def test_a_missing_application_reads_the_same_as_one_out_of_scope(users: Any) -> None:
    assert refused("999999", "UNDER_BEHANDLING", "--user", "va").startswith(
        "SOKNAD_ID: Fant ikke søknaden")


@pytest.mark.parametrize(("args", "start"), [
    (("abc", "UNDER_BEHANDLING", "--user", "va"), "SOKNAD_ID:"),
    (("1", "AVSLUTTET", "--user", "va"), "TARGET: ukjent status «AVSLUTTET»"),
    (("1", "UNDER_BEHANDLING", "--user", "ingen"), "--user:"),
])
def test_bad_input_names_the_argument(
    make_soknad: Any, users: Any, args: tuple[str, ...], start: str
) -> None:
    soknad = make_soknad()
    args = (str(soknad.pk), *args[1:]) if args[0] == "1" else args

    assert refused(*args).startswith(start)
