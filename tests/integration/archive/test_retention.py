"""Retention (issue 18 item 5): data past its period is listed, removed only when a leder
confirms, only after the case is archived (arkivlova § 9 c), and audited without personal
data (personopplysningsloven § 1 / GDPR art. 5 nr. 1 e)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import NOW

pytestmark = pytest.mark.django_db

LATER = NOW + timedelta(days=11 * 366)  # past every period in oppbevaring.yaml


def _due(scope: Any, now: Any = LATER) -> list[Any]:
    from sosialsak.contexts.archive.retention import list_due

    return list_due(scope=scope, now=now)


def _archive(closed_case: Any, users: Any, scope_of: Any, tmp_path: Path) -> None:
    from sosialsak.contexts.archive.export import export_soknad

    actor = users["veileder_sf"]
    export_soknad(scope=scope_of(actor), actor=actor, soknad_id=closed_case.pk, out=tmp_path,
                  now=NOW)


def test_the_periods_are_dated_settings_with_their_legal_basis() -> None:
    from sosialsak.rules.oppbevaring import kategorier, oppbevaring

    assert set(kategorier()) == {"vedlegg", "soknad"}
    for kategori in kategorier():
        rule = oppbevaring(kategori, NOW.date())
        assert "arkivlova § 9 c" in rule.hjemmel and "GDPR art. 5" in rule.hjemmel
        assert rule.bekreftet is False  # kommunen bekrefter


def test_nothing_is_listed_before_the_period_has_run_out(closed_case: Any, users: Any,
                                                          scope_of: Any) -> None:
    assert _due(scope_of(users["leder_a"]), now=NOW + timedelta(days=365)) == []


def test_data_past_its_period_is_listed_once_per_kind(closed_case: Any, users: Any,
                                                      scope_of: Any) -> None:
    scope = scope_of(users["leder_a"])
    listed = _due(scope)

    assert sorted((k.kategori, k.tiltak) for k in listed) == [
        ("soknad", "ANONYMISER"), ("vedlegg", "SLETT")]
    assert all(k.soknad_id == closed_case.pk and k.status == "LISTET" for k in listed)
    assert len(_due(scope)) == 2  # listing again adds nothing
    assert _due(scope_of(users["veileder_b"])) == []  # another office sees none of it


def test_an_open_application_is_never_listed(young_parent: Any, users: Any,
                                             scope_of: Any) -> None:
    assert _due(scope_of(users["leder_a"])) == []


def test_only_a_leder_confirms(closed_case: Any, users: Any, scope_of: Any,
                               tmp_path: Path) -> None:
    from sosialsak.contexts.archive.retention import confirm
    from sosialsak.contexts.intake.models import Vedlegg
    from sosialsak.kernel.errors import NotFound

    _archive(closed_case, users, scope_of, tmp_path)
    listed = _due(scope_of(users["leder_a"]))
    for who in ("veileder_a", "statsforvalter"):
        with pytest.raises(NotFound):
            confirm(scope=scope_of(users[who]), actor=users[who],
                    kandidat_ids=[k.pk for k in listed], now=LATER)
    assert Vedlegg.objects.filter(soknad=closed_case).exists()


def test_nothing_is_removed_before_the_case_is_archived(closed_case: Any, users: Any,
                                                        scope_of: Any) -> None:
    """arkivlova § 9 c: no destruction without archiving (or authority)."""
    from sosialsak.contexts.archive.retention import NotArchived, confirm
    from sosialsak.contexts.intake.models import Vedlegg

    leder = users["leder_a"]
    listed = _due(scope_of(leder))
    with pytest.raises(NotArchived):
        confirm(scope=scope_of(leder), actor=leder, kandidat_ids=[k.pk for k in listed],
                now=LATER)
    assert Vedlegg.objects.filter(soknad=closed_case).exists()


def test_confirmed_removal_deletes_attachments_anonymises_and_audits_without_personal_data(
        closed_case: Any, users: Any, scope_of: Any, tmp_path: Path,
        django_capture_on_commit_callbacks: Any) -> None:
    from sosialsak.contexts.archive.retention import ANONYM, confirm
    from sosialsak.contexts.audit.models import AuditEntry
    from sosialsak.contexts.decisions.models import VedtakDokument
    from sosialsak.contexts.intake.models import Soknad, Vedlegg
    from sosialsak.contexts.people.models import Barn, Person

    _archive(closed_case, users, scope_of, tmp_path)
    person = closed_case.person
    fnr, etternavn = person.fodselsnummer, person.etternavn
    file_path = Path(Vedlegg.objects.get(soknad=closed_case).fil.path)
    leder = users["leder_a"]
    listed = _due(scope_of(leder))

    with django_capture_on_commit_callbacks(execute=True):
        done = confirm(scope=scope_of(leder), actor=leder, kandidat_ids=[k.pk for k in listed],
                       now=LATER)

    assert {k.status for k in done} == {"UTFORT"}
    assert not Vedlegg.objects.filter(soknad=closed_case).exists() and not file_path.exists()
    soknad = Soknad.objects.select_related("husstand").get(pk=closed_case.pk)
    assert soknad.husstand.fornavn == ANONYM and soknad.husstand.etternavn == ""
    assert all(bytes(d.pdf) == b"" and d.tekst == ""
               for d in VedtakDokument.objects.filter(soknad=closed_case))
    assert set(Barn.objects.filter(person=person).values_list("navn", flat=True)) == {ANONYM}
    person = Person.objects.get(pk=person.pk)
    assert (person.fodselsnummer, person.fornavn) == (None, ANONYM)
    entries = AuditEntry.objects.filter(object_type="soknad", object_id=str(closed_case.pk),
                                        purpose__startswith="oppbevaringstid ute")
    assert sorted(entries.values_list("purpose", flat=True)) == [
        "oppbevaringstid ute: soknad anonymiseres", "oppbevaringstid ute: vedlegg slettes"]
    for purpose in AuditEntry.objects.values_list("purpose", flat=True):
        assert fnr not in purpose and etternavn not in purpose
    assert _due(scope_of(leder)) == []  # done is not listed again


def test_the_commands_list_and_confirm(closed_case: Any, users: Any, scope_of: Any,
                                       tmp_path: Path, monkeypatch: Any) -> None:
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    from sosialsak.contexts.archive.models import Slettekandidat

    _archive(closed_case, users, scope_of, tmp_path)
    monkeypatch.setattr(timezone, "now", lambda: LATER)
    out = StringIO()
    call_command("retention", "list", stdout=out)
    assert "kommunen bekrefter" in out.getvalue()
    ids = [str(k.pk) for k in Slettekandidat.objects.all()]
    assert len(ids) == 2
    call_command("retention", "confirm", "--leder", users["leder_a"].username, *ids,
                 stdout=out)
    assert set(Slettekandidat.objects.values_list("status", flat=True)) == {"UTFORT"}


def test_a_leder_without_the_permission_never_sees_a_strengt_fortrolig_case(
        closed_case: Any, users: Any, scope_of: Any, tmp_path: Path) -> None:
    """ADR 0010: a strengt fortrolig person's case is shown only with the permission."""
    from sosialsak.contexts.accounts.scope import system_scope
    from sosialsak.contexts.archive.retention import confirm, open_list
    from sosialsak.contexts.people.models import Person
    from sosialsak.kernel.errors import NotFound

    Person.objects.filter(pk=closed_case.person_id).update(
        adressebeskyttelse="STRENGT_FORTROLIG")
    listed = _due(system_scope())
    leder = users["leder_a"]

    assert listed and list(open_list(scope_of(leder))) == []
    with pytest.raises(NotFound):
        confirm(scope=scope_of(leder), actor=leder, kandidat_ids=[listed[0].pk], now=LATER)
