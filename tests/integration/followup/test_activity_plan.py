"""The activity plan (issue 14, item 1): the person's own plan at the office, every change in
its history, the agreement with the person, and the link from a condition (sotjl. § 20 /
§ 20 a) to the activity that fulfils it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from sosialsak.contexts.followup.policy import AktivitetInput
from tests.helpers import NOW

LATER = NOW + timedelta(days=1)


def _input(**kw: Any) -> AktivitetInput:
    base = {"mal": "Komme i jobb i butikk", "hva": "Arbeidstrening hos Rema 1000",
            "hvem": "Veileder og arbeidsgiver", "fra": date(2024, 3, 11),
            "til": date(2024, 4, 30), "timer_per_uke": 15}
    return AktivitetInput(**{**base, **kw})


def _add(scope: Any, actor: Any, soknad: Any, **kw: Any) -> Any:
    from sosialsak.contexts.followup.operations import add_aktivitet

    return add_aktivitet(scope=scope, actor=actor, soknad_id=soknad.pk, data=_input(**kw),
                         now=NOW)


def test_an_activity_belongs_to_the_persons_plan_at_the_office(
    make_soknad: Any, actor: Any, scope: Any
) -> None:
    first = make_soknad()
    a = _add(scope, actor, first)

    assert a.plan.person_id == first.person_id and a.plan.kontor_id == first.kontor_id
    assert a.status == "PLANLAGT" and a.avtalt_at is None
    (created,) = a.endringer.all()
    assert created.type == "OPPRETTET" and created.kanal == "VEILEDER"
    assert created.endringer["hva"] == [None, "Arbeidstrening hos Rema 1000"]


def test_every_change_is_in_the_history_and_an_unchanged_save_is_not(
    make_soknad: Any, actor: Any, scope: Any
) -> None:
    from sosialsak.contexts.followup.operations import change_aktivitet, set_aktivitet_status

    a = _add(scope, actor, make_soknad())
    change_aktivitet(scope=scope, actor=actor, aktivitet_id=a.pk, now=LATER,
                     data=_input(timer_per_uke=20))
    change_aktivitet(scope=scope, actor=actor, aktivitet_id=a.pk, now=LATER,
                     data=_input(timer_per_uke=20))
    set_aktivitet_status(scope=scope, actor=actor, aktivitet_id=a.pk, status="STARTET",
                         now=LATER)

    history = [(e.type, e.endringer) for e in a.endringer.order_by("id")]
    assert [t for t, _ in history] == ["OPPRETTET", "ENDRET", "STATUS"]
    assert history[1][1] == {"timer_per_uke": [15, 20]}
    assert history[2][1] == {"status": ["PLANLAGT", "STARTET"]}
    assert all(e.av_id == actor.pk for e in a.endringer.all())


def test_a_done_activity_cannot_start_again(make_soknad: Any, actor: Any, scope: Any) -> None:
    from sosialsak.contexts.followup.operations import set_aktivitet_status
    from sosialsak.contexts.followup.policy import IllegalAktivitetTransition

    a = _add(scope, actor, make_soknad())
    set_aktivitet_status(scope=scope, actor=actor, aktivitet_id=a.pk, status="FULLFORT",
                         now=LATER)

    with pytest.raises(IllegalAktivitetTransition):
        set_aktivitet_status(scope=scope, actor=actor, aktivitet_id=a.pk, status="STARTET",
                             now=LATER)


@pytest.mark.parametrize(("kw", "field"), [
    ({"hva": "  "}, "hva"), ({"mal": ""}, "mal"),
    ({"til": date(2024, 3, 1)}, "til"), ({"timer_per_uke": 81}, "timer_per_uke"),
])
def test_an_activity_that_does_not_say_enough_is_refused(
    make_soknad: Any, actor: Any, scope: Any, kw: dict[str, Any], field: str
) -> None:
    from sosialsak.kernel.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as exc:
        _add(scope, actor, make_soknad(), **kw)
    assert exc.value.extra["field"] == field


def test_the_agreement_names_who_and_when_and_a_change_clears_it(
    make_soknad: Any, actor: Any, scope: Any
) -> None:
    from sosialsak.contexts.followup.operations import agree_aktivitet, change_aktivitet
    from sosialsak.contexts.followup.policy import InvalidAktivitet

    a = _add(scope, actor, make_soknad())
    with pytest.raises(InvalidAktivitet):  # the veileder says how the person agreed
        agree_aktivitet(scope=scope, actor=actor, aktivitet_id=a.pk, now=LATER)
    a = agree_aktivitet(scope=scope, actor=actor, aktivitet_id=a.pk, now=LATER,
                        merknad="I samtale på kontoret")
    assert (a.avtalt_at, a.avtalt_av_id, a.avtalt_kanal) == (LATER, actor.pk, "VEILEDER")

    a = change_aktivitet(scope=scope, actor=actor, aktivitet_id=a.pk, now=LATER,
                         data=_input(hva="Arbeidstrening hos Kiwi"))
    assert a.avtalt_at is None and a.avtalt_kanal == ""
    assert a.endringer.order_by("-id").first().endringer["avtalt"][1] is None


def test_the_person_agrees_on_their_own_pages_and_sees_only_their_own(
    make_soknad: Any, actor: Any, scope: Any, scope_of: Any
) -> None:
    from sosialsak.contexts.accounts.operations import create_user
    from sosialsak.contexts.followup.operations import agree_aktivitet
    from sosialsak.contexts.followup.queries import own_plans
    from sosialsak.kernel.errors import NotFound

    soknad = make_soknad()
    a = _add(scope, actor, soknad)
    other = _add(scope, actor, make_soknad())
    citizen = create_user(username="kari", password=None, role="bruker")
    soknad.person.user = citizen
    soknad.person.save()

    (plan,) = own_plans(scope=scope_of(citizen), actor=citizen, today=date(2024, 3, 4))
    assert [r.id for r in plan.aktiviteter] == [a.pk]
    a = agree_aktivitet(scope=scope_of(citizen), actor=citizen, aktivitet_id=a.pk, now=LATER)
    assert (a.avtalt_kanal, a.avtalt_av_id) == ("PERSON", citizen.pk)
    assert a.endringer.order_by("-id").first().kanal == "PERSON"
    with pytest.raises(NotFound):
        agree_aktivitet(scope=scope_of(citizen), actor=citizen, aktivitet_id=other.pk,
                        now=LATER)


def test_another_office_and_the_statsforvalter_cannot_change_the_plan(
    make_soknad: Any, actor: Any, scope: Any, users: Any, scope_of: Any
) -> None:
    from sosialsak.contexts.followup.operations import set_aktivitet_status
    from sosialsak.kernel.errors import NotFound

    a = _add(scope, actor, make_soknad())
    for who in (users["veileder_b"], users["statsforvalter"]):
        with pytest.raises(NotFound):
            set_aktivitet_status(scope=scope_of(who), actor=who, aktivitet_id=a.pk,
                                 status="STARTET", now=LATER)


def test_a_condition_links_to_the_activity_that_fulfils_it(
    granted: Any, actor: Any, scope: Any, make_soknad: Any
) -> None:
    from sosialsak.contexts.followup.operations import VilkarNotLinkable, link_vilkar, unlink_vilkar

    a = _add(scope, actor, granted.soknad)
    b = _add(scope, actor, granted.soknad, hva="Norskkurs")
    link_vilkar(scope=scope, actor=actor, vilkar_id=granted.vanlig.pk, aktivitet_id=a.pk,
                now=LATER)
    link = link_vilkar(scope=scope, actor=actor, vilkar_id=granted.vanlig.pk,
                       aktivitet_id=b.pk, now=LATER)

    assert granted.vanlig.aktivitetskobling.aktivitet_id == b.pk == link.aktivitet_id
    assert [e.type for e in a.endringer.order_by("id")] == [
        "OPPRETTET", "VILKAR_KOBLET", "VILKAR_FRAKOBLET"]
    assert b.endringer.order_by("-id").first().endringer == {"vilkar": [None,
                                                                        granted.vanlig.pk]}
    stranger = _add(scope, actor, make_soknad())
    with pytest.raises(VilkarNotLinkable):
        link_vilkar(scope=scope, actor=actor, vilkar_id=granted.vanlig.pk,
                    aktivitet_id=stranger.pk, now=LATER)
    unlink_vilkar(scope=scope, actor=actor, vilkar_id=granted.vanlig.pk, now=LATER)
    granted.vanlig.refresh_from_db()
    assert not hasattr(granted.vanlig, "aktivitetskobling")


def test_the_page_shows_the_plan_and_the_conditions_with_their_links(
    granted: Any, actor: Any, scope: Any
) -> None:
    from sosialsak.contexts.audit.models import AuditEntry
    from sosialsak.contexts.followup.operations import link_vilkar, set_vilkar_oppfolging
    from sosialsak.contexts.followup.queries import plan_page

    a = _add(scope, actor, granted.soknad, til=date(2024, 3, 20))
    link_vilkar(scope=scope, actor=actor, vilkar_id=granted.vanlig.pk, aktivitet_id=a.pk,
                now=LATER)
    set_vilkar_oppfolging(scope=scope, actor=actor, vilkar_id=granted.vanlig.pk,
                          oppfolgingsdato=date(2024, 3, 25), now=LATER)

    page = plan_page(scope=scope, actor=actor, soknad_id=granted.soknad.pk,
                     today=date(2024, 3, 25))

    (row,) = page.aktiviteter
    assert row.overdue and [v.id for v in row.vilkar] == [granted.vanlig.pk]
    by_id = {v.id: v for v in page.vilkar}
    assert by_id[granted.vanlig.pk].aktivitet_id == a.pk and by_id[granted.vanlig.pk].forfalt
    assert not by_id[granted.grunnet.pk].forfalt
    assert AuditEntry.objects.filter(action="READ", purpose="aktivitetsplan",
                                     object_type="person").exists()
