"""Issue 11, item 6: the advance warning and the reduction, written from the law.

* sotjl. § 20 third paragraph: a benefit may be reduced for a broken condition (by a new
  decision); for an activity condition on a person under 30 the condition rests on § 20 a, so
  the letters cite the basis of the condition actually broken.
* fvl § 16: the person is warned and may comment before the decision; the reduction's reasons
  (fvl §§ 24–25) address the reply, or state that none came by the deadline. No reduction
  before the deadline unless the reply has come.
* R35 4.20/4.20 a: a reduction is time-limited; the caseworker chooses the period, within the
  decision's period.
The letter texts are checked on the rendered letter (the stored text of the PDF)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from tests.helpers import NOW
from tests.integration.decisions.test_make_vedtak import _activity, _kvp, _make

pytestmark = pytest.mark.django_db
SVARFRIST = date(2024, 3, 18)
LATER = NOW + timedelta(days=20)  # 24 March 2024, after the reply deadline


def _text(tekst: str) -> str:
    return " ".join(tekst.replace("\xa0", " ").split())


def _non_activity() -> Any:
    from sosialsak.contexts.decisions.operations import VilkarUtkast

    return VilkarUtkast(kode="10", beskrivelse="Søk bostøtte fra Husbanken innen 20. mars.",
                        frist=date(2024, 3, 20), oppfolging="Vi sjekker søknaden 21. mars.",
                        konsekvens="Stønaden kan bli redusert.")


@pytest.fixture
def ops(users: Any, scope_of: Any) -> dict[str, Any]:
    actor = users["veileder_sf"]
    return {"actor": actor, "scope": scope_of(actor)}


@pytest.fixture
def activity(users: Any, scope_of: Any, young_parent: Any, utkast: Any) -> Any:
    """Livsopphold for a 24-year-old with an activity condition (§ 20 a)."""
    _kvp(users, scope_of, young_parent)
    return _make(users, scope_of, young_parent, utkast(unntak=None, vilkar=(_activity(),)))


def _warned(ops: dict[str, Any], vedtak: Any, belop: int, **kw: Any) -> Any:
    from sosialsak.contexts.decisions.operations import record_brudd, send_forhandsvarsel

    brudd = record_brudd(**ops, vilkar_id=vedtak.vilkar.get().pk, hva="Møtte ikke.",
                         forklaring="", now=NOW)
    return send_forhandsvarsel(**ops, brudd_id=brudd.pk, belop_redusert=belop,
                               svarfrist=SVARFRIST, now=NOW, **kw)


def _reduce(ops: dict[str, Any], brudd: Any, belop: int, now: Any = LATER, **kw: Any) -> Any:
    from sosialsak.contexts.decisions.operations import decide_reduksjon

    return decide_reduksjon(**ops, brudd_id=brudd.pk, belop_redusert=belop,
                            individuell_vurdering="Forklaringen og barnets behov er vurdert.",
                            nodvendig_belop=0, now=now, **kw)


class TestTheLettersCiteTheBreachedConditionsBasis:
    def test_an_activity_condition_under_30_is_cited_as_section_20_a(
        self, ops: Any, activity: Any
    ) -> None:
        brudd = _warned(ops, activity, 11000)
        reduksjon = _reduce(ops, brudd, 11000)

        varsel = _text(brudd.varsel.tekst)
        assert "sosialtjenesteloven § 20 tredje ledd, jf. § 20 a" in varsel
        assert "Vilkåret ble satt etter sosialtjenesteloven § 20 a." in varsel
        assert "§ 20 tredje ledd, jf. § 20 a" in _text(reduksjon.dokumenter.get().tekst)

    def test_a_condition_that_is_not_an_activity_is_cited_as_section_20_only(
        self, ops: Any, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        vedtak = _make(users, scope_of, young_parent, utkast(vilkar=(_non_activity(),)))

        brudd = _warned(ops, vedtak, 11000)
        letter = _text(_reduce(ops, brudd, 11000).dokumenter.get().tekst)

        varsel = _text(brudd.varsel.tekst)
        assert "Vilkåret ble satt etter sosialtjenesteloven § 20." in varsel
        assert "§ 20 a" not in varsel
        assert "sosialtjenesteloven § 20 tredje ledd" in letter and "§ 20 a" not in letter

    def test_the_letters_name_the_support_actually_reduced_housing_not_livsopphold(
        self, ops: Any, users: Any, scope_of: Any, young_parent: Any, utkast: Any
    ) -> None:
        husleie = young_parent.poster.get(type="HUSLEIE").pk
        vedtak = _make(users, scope_of, young_parent, utkast(
            post_ids=(husleie,), belop=9000, individuell_vurdering="", justeringer=(),
            vilkar=(_non_activity(),)))

        brudd = _warned(ops, vedtak, 8000)
        letter = _text(_reduce(ops, brudd, 8000).dokumenter.get().tekst)

        assert "Vi vurderer å redusere stønad til husleie" in _text(brudd.varsel.tekst)
        assert "livsopphold" not in _text(brudd.varsel.tekst)
        assert "Redusert stønad til husleie" in letter


class TestTheReplyToTheWarning:
    """fvl § 16: the right to comment; the reduction must address what was said."""

    def test_a_reply_recorded_with_its_date_is_quoted_in_the_reduction_reasons(
        self, ops: Any, activity: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import record_varselsvar
        from sosialsak.contexts.intake.models import Hendelse

        brudd = _warned(ops, activity, 11000)
        brudd = record_varselsvar(**ops, brudd_id=brudd.pk, svar="Jeg var syk begge dagene.",
                                  svar_dato=date(2024, 3, 10), ingen_svar=False,
                                  now=NOW + timedelta(days=6))
        # The reply has come, so the decision need not wait for the deadline (18 March).
        reduksjon = _reduce(ops, brudd, 11000, now=NOW + timedelta(days=8))

        assert brudd.svar_dato == date(2024, 3, 10)
        letter = _text(reduksjon.dokumenter.get().tekst)
        assert "Du svarte på forhåndsvarselet 10.03.2024: Jeg var syk begge dagene." in letter
        assert Hendelse.objects.filter(type="decisions.forhandsvarsel.svar").exists()

    def test_without_a_reply_the_reduction_says_none_came_by_the_deadline(
        self, ops: Any, activity: Any
    ) -> None:
        brudd = _warned(ops, activity, 11000)

        reduksjon = _reduce(ops, brudd, 11000)

        brudd.refresh_from_db()
        assert brudd.svar_mangler is True
        assert ("Vi fikk ikke svar fra deg på forhåndsvarselet innen fristen 18.03.2024."
                in _text(reduksjon.dokumenter.get().tekst))

    def test_a_reduction_before_the_deadline_without_a_reply_is_refused(
        self, ops: Any, activity: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import UnableToReduce

        brudd = _warned(ops, activity, 11000)

        with pytest.raises(UnableToReduce) as exc:
            _reduce(ops, brudd, 11000, now=NOW + timedelta(days=5))

        assert exc.value.code == "reduksjon_svarfrist_ikke_ute"

    def test_no_reply_cannot_be_recorded_before_the_deadline(
        self, ops: Any, activity: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import UnableToReduce, record_varselsvar

        brudd = _warned(ops, activity, 11000)

        with pytest.raises(UnableToReduce) as exc:
            record_varselsvar(**ops, brudd_id=brudd.pk, svar="", svar_dato=None,
                              ingen_svar=True, now=NOW + timedelta(days=5))

        assert exc.value.code == "svarfrist_ikke_ute"

    def test_a_reply_needs_its_date_and_cannot_predate_the_warning(
        self, ops: Any, activity: Any
    ) -> None:
        from sosialsak.contexts.decisions.operations import record_varselsvar
        from sosialsak.kernel.errors import ValidationFailed

        brudd = _warned(ops, activity, 11000)

        for when in (None, date(2024, 3, 1)):
            with pytest.raises(ValidationFailed) as exc:
                record_varselsvar(**ops, brudd_id=brudd.pk, svar="Jeg var syk.",
                                  svar_dato=when, ingen_svar=False, now=NOW + timedelta(days=5))
            assert exc.value.extra["field"] == "svar_dato"


class TestTheReductionPeriod:
    """R35 4.20/4.20 a: time-limited, chosen by the caseworker, within the decision's period."""

    def test_the_chosen_period_is_the_decisions_and_the_letters(
        self, ops: Any, activity: Any
    ) -> None:
        brudd = _warned(ops, activity, 11000, periode_fra=date(2024, 3, 25),
                        periode_til=date(2024, 3, 29))

        reduksjon = _reduce(ops, brudd, 11000, periode_fra=date(2024, 3, 25),
                            periode_til=date(2024, 3, 29))

        assert (reduksjon.periode_fra, reduksjon.periode_til) == (date(2024, 3, 25),
                                                                  date(2024, 3, 29))
        assert "25. mars til 28. mars 2024" in _text(brudd.varsel.tekst)
        assert "25. mars til 28. mars 2024" in _text(reduksjon.dokumenter.get().tekst)

    @pytest.mark.parametrize(("fra", "til", "field"), [
        (date(2024, 3, 25), date(2024, 4, 15), "periode_til"),  # past the decision's end
        (date(2024, 3, 20), date(2024, 3, 29), "periode_fra"),  # before today (24 March)
        (date(2024, 3, 28), date(2024, 3, 26), "periode_til"),  # ends before it starts
    ])
    def test_a_period_outside_the_decision_is_refused(
        self, ops: Any, activity: Any, fra: date, til: date, field: str
    ) -> None:
        from sosialsak.contexts.decisions.models import Vedtak
        from sosialsak.contexts.decisions.operations import UnableToReduce

        brudd = _warned(ops, activity, 11000)

        with pytest.raises(UnableToReduce) as exc:
            _reduce(ops, brudd, 11000, periode_fra=fra, periode_til=til)

        assert exc.value.code == "reduksjon_periode"
        assert exc.value.extra["field"] == field
        assert not Vedtak.objects.filter(art="REDUKSJON").exists()
