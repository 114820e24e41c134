"""The steps of the person's own application form, each a bounded Django form (issue 16)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sosialsak.contexts.accounts.models import NavKontor
from sosialsak.kernel.clock import local_date

MAX_KR = 1_000_000
MAX_BARN = 4
digits = RegexValidator(r"^\d+$", _("Bruk bare tall."))


def _kr(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, min_value=0, max_value=MAX_KR,
                              help_text=_("Kroner i måneden. La feltet stå tomt hvis du "
                                          "ikke har dette."))


class OmDeg(forms.Form):
    fornavn = forms.CharField(label=_("Fornavn"), max_length=100)
    etternavn = forms.CharField(label=_("Etternavn"), max_length=100)
    telefon = forms.CharField(label=_("Telefonnummer"), max_length=12, min_length=8,
                              validators=[digits])
    kontonummer = forms.CharField(label=_("Kontonummer (11 siffer)"), max_length=11,
                                  min_length=11, validators=[digits], required=False)
    gatenavn = forms.CharField(label=_("Gate eller vei"), max_length=100)
    husnummer = forms.CharField(label=_("Husnummer"), max_length=10)
    postnummer = forms.CharField(label=_("Postnummer"), max_length=4, min_length=4,
                                 validators=[digits])
    poststed = forms.CharField(label=_("Poststed"), max_length=100)
    enhetsnummer = forms.ChoiceField(label=_("Ditt NAV-kontor"), choices=())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["enhetsnummer"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(k.enhetsnummer, k.navn) for k in NavKontor.objects.order_by("navn")]


SIVILSTATUS = [("ugift", _("Ugift")), ("gift", _("Gift")), ("samboer", _("Samboer")),
               ("skilt", _("Skilt")), ("separert", _("Separert")),
               ("enke", _("Enke eller enkemann"))]


class Husstand(forms.Form):
    sivilstatus = forms.ChoiceField(label=_("Er du gift eller samboer?"), choices=SIVILSTATUS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, MAX_BARN + 1):
            self.fields[f"barn_{n}_navn"] = forms.CharField(
                label=_("Barn %(n)s: navn") % {"n": n}, max_length=100, required=False)
            self.fields[f"barn_{n}_fodselsdato"] = forms.DateField(
                label=_("Barn %(n)s: fødselsdato") % {"n": n}, required=False,
                widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for n in range(1, MAX_BARN + 1):
            navn, dag = data.get(f"barn_{n}_navn"), data.get(f"barn_{n}_fodselsdato")
            if bool(navn) != bool(dag):
                self.add_error(f"barn_{n}_navn", _("Skriv både navn og fødselsdato."))
            if isinstance(dag, date) and not date(1990, 1, 1) <= dag <= local_date(timezone.now()):
                self.add_error(f"barn_{n}_fodselsdato", _("Sjekk fødselsdatoen."))
        return data


BOTYPE = [("leier", _("Jeg leier")), ("eier", _("Jeg eier")),
          ("kommunal", _("Jeg leier av kommunen")), ("ingen", _("Jeg har ikke et sted å bo")),
          ("annet", _("Annet"))]


class Bolig(forms.Form):
    botype = forms.ChoiceField(label=_("Hvordan bor du?"), choices=BOTYPE,
                               widget=forms.RadioSelect)
    antall_personer = forms.IntegerField(label=_("Hvor mange bor der, deg selv med?"),
                                         min_value=1, max_value=20)


class Inntekt(forms.Form):
    inntekt_jobb = _kr(_("Lønn"))
    inntekt_barnetrygd = _kr(_("Barnetrygd"))
    inntekt_bostotte = _kr(_("Bostøtte"))
    inntekt_annen = _kr(_("Annen inntekt"))


class Utgifter(forms.Form):
    utgift_husleie = _kr(_("Husleie"))
    utgift_strom = _kr(_("Strøm"))
    utgift_oppvarming = _kr(_("Oppvarming"))
    utgift_annen = _kr(_("Andre faste utgifter"))


HVA = [("livsopphold", _("Penger til mat og andre ting du trenger hver dag")),
       ("husleie", _("Husleie")), ("strom", _("Strøm")), ("annet", _("Noe annet"))]
JA_NEI = [("nei", _("Nei")), ("ja", _("Ja"))]


class Soknad(forms.Form):
    nodhjelp = forms.ChoiceField(label=_("Mangler du mat eller et sted å sove i dag?"),
                                 choices=JA_NEI, widget=forms.RadioSelect, initial="nei")
    hva_typer = forms.MultipleChoiceField(label=_("Hva søker du om?"), choices=HVA,
                                          widget=forms.CheckboxSelectMultiple)
    hva = forms.CharField(label=_("Skriv kort hva du trenger penger til"), max_length=500,
                          required=False, widget=forms.Textarea(attrs={"rows": 3}))
    hvorfor = forms.CharField(label=_("Hvorfor søker du?"), max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 5}))


VEDLEGG_TYPER = [("husleiekontrakt", _("Husleiekontrakt")),
                 ("kontoutskrift", _("Kontoutskrift")),
                 ("lonnslipp", _("Lønnsslipp")), ("annet", _("Annet"))]


class Vedlegg(forms.Form):
    type = forms.ChoiceField(label=_("Hva er dokumentet?"), choices=VEDLEGG_TYPER)
    fil = forms.FileField(label=_("Velg fil (PDF, JPG eller PNG, høyst 5 MB)"))


STEP_FORMS: dict[str, type[forms.Form]] = {
    "om-deg": OmDeg, "husstand": Husstand, "bolig": Bolig, "inntekt": Inntekt,
    "utgifter": Utgifter, "soknad": Soknad}


def to_draft(step: str, cleaned: dict[str, Any]) -> dict[str, Any]:
    """Return a step's cleaned answers as JSON for the draft."""
    if step == "husstand":
        barn = [{"navn": cleaned[f"barn_{n}_navn"],
                 "fodselsdato": cleaned[f"barn_{n}_fodselsdato"].isoformat()}
                for n in range(1, MAX_BARN + 1) if cleaned.get(f"barn_{n}_navn")]
        return {"sivilstatus": cleaned["sivilstatus"], "barn": barn}
    return {k: v for k, v in cleaned.items()}


def from_draft(step: str, data: dict[str, Any]) -> dict[str, Any]:
    """Return a step's initial values from the draft."""
    if step == "husstand":
        out: dict[str, Any] = {"sivilstatus": data.get("sivilstatus", "ugift")}
        for n, b in enumerate(data.get("barn", []), start=1):
            out[f"barn_{n}_navn"], out[f"barn_{n}_fodselsdato"] = b["navn"], b["fodselsdato"]
        return out
    return {k: data[k] for k in STEP_FORMS[step].base_fields if k in data}
