"""Forms only parse and label input; the operations enforce the rules."""

from __future__ import annotations

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from sosialsak.contexts.intake.models import Kanal, StonadType
from sosialsak.contexts.people.models import Bosted, PartnerRelasjon
from sosialsak.interfaces.caseworker.fields import BirthDateField, CaseDateField, ReceivedField

MAX_BARN = 6


class RegisterSoknadForm(forms.Form):
    fodselsnummer = forms.CharField(
        label=_("Fødselsnummer eller D-nummer"), max_length=13,
        # Issue 12: say at once when the person already has an application in scope.
        widget=forms.TextInput(attrs={"hx-get": reverse_lazy("register_hint"),
                                      "hx-trigger": "change", "hx-target": "#tidligere"}))
    fornavn = forms.CharField(label=_("Fornavn"), max_length=100)
    etternavn = forms.CharField(label=_("Etternavn"), max_length=100)
    telefon = forms.CharField(label=_("Telefon"), max_length=20, required=False)
    kanal = forms.ChoiceField(label=_("Hvordan kom søknaden inn?"),
                              choices=[c for c in Kanal.choices if c[0] != Kanal.DIGITAL])
    mottatt_at = ReceivedField(
        label=_("Mottatt"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    nodhjelp = forms.BooleanField(label=_("Nødhjelp – trenger hjelp i dag"), required=False)
    poster = forms.MultipleChoiceField(label=_("Hva søkes det om?"), choices=StonadType.choices,
                                       widget=forms.CheckboxSelectMultiple)
    annet = forms.CharField(label=_("Hvis «Annet»: hva?"), max_length=300, required=False)
    egne_ord = forms.CharField(label=_("Søkerens egne ord"), required=False,
                               widget=forms.Textarea(attrs={"rows": 4}))
    deler_bolig = forms.BooleanField(label=_("Deler bolig med andre voksne (ikke partner)"),
                                     required=False)
    tolkebehov = forms.BooleanField(label=_("Trenger tolk"), required=False)
    tolkesprak = forms.CharField(label=_("Tolkespråk"), max_length=40, required=False)
    partner_navn = forms.CharField(label=_("Ektefelle/samboer: navn"), max_length=200,
                                   required=False)
    partner_relasjon = forms.ChoiceField(label=_("Relasjon"), required=False,
                                         choices=[("", "—"), *PartnerRelasjon.choices])

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for i in range(MAX_BARN):
            self.fields[f"barn_{i}_navn"] = forms.CharField(
                label=_("Navn"), max_length=200, required=False)
            self.fields[f"barn_{i}_fodselsdato"] = BirthDateField(
                label=_("Fødselsdato"), required=False,
                widget=forms.DateInput(attrs={"type": "date"}))
            self.fields[f"barn_{i}_bosted"] = forms.ChoiceField(
                label=_("Bor"), choices=Bosted.choices, required=False)

    def barn_rows(self) -> list[tuple[forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [(self[f"barn_{i}_navn"], self[f"barn_{i}_fodselsdato"], self[f"barn_{i}_bosted"])
                for i in range(MAX_BARN)]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        for i in range(MAX_BARN):
            navn, born = data.get(f"barn_{i}_navn"), data.get(f"barn_{i}_fodselsdato")
            if navn and not born:
                self.add_error(f"barn_{i}_fodselsdato", _("Skriv barnets fødselsdato."))
            if born and not navn:
                self.add_error(f"barn_{i}_navn", _("Skriv barnets navn."))
        if data.get("partner_navn") and not data.get("partner_relasjon"):
            self.add_error("partner_relasjon", _("Velg relasjon."))
        return data


class StatusForm(forms.Form):
    status = forms.CharField()
    begrunnelse = forms.CharField(required=False, max_length=500)
    lukk_dokumentasjonskrav = forms.BooleanField(required=False)


class AuditSearchForm(forms.Form):
    actor_username = forms.CharField(label=_("Brukernavn"), required=False)
    object_id = forms.CharField(label=_("Søknadsnummer"), required=False)
    action = forms.ChoiceField(label=_("Handling"), required=False, choices=[
        ("", _("Alle")), ("READ", _("Lest")), ("WRITE", _("Endret")), ("DENIED", _("Nektet"))])
    date_from = CaseDateField(label=_("Fra dato"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    date_to = CaseDateField(label=_("Til dato"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}))
