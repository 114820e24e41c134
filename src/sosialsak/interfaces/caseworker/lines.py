"""The rows of the long lists (work queue, worklists, search), rendered once per row in Python
(issue 13).

Django's template engine pays per node and per filter: at 100 rows, the ``url`` tags, the
``date`` filters (each converting to local time and looking up the format), the per-row
``translate`` tags and the variable look-ups were most of the queue's time. Each row is one
``format_html`` here (every value escaped as the template did); the table around the rows stays
in the templates ``_queue_table.html``, ``cases/_worklist_table.html`` and
``find/search.html``. The text is the same
as before: dates as ``d.m.Y`` / ``d.m.Y H:i`` in Norwegian time, ``datetime`` attributes in ISO
8601, the labels translated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sosialsak.contexts.casefile.find import FindHit, FindPerson
from sosialsak.contexts.casefile.queue import QueueRow
from sosialsak.contexts.casefile.worklists import WorkItem


class CaseUrls:
    """``reverse('case', id)`` for many ids with one reverse (the URL is a fixed pattern)."""

    def __init__(self) -> None:
        marker = 987654321
        self.head, self.tail = reverse("case", args=[marker]).split(str(marker))

    def __call__(self, soknad_id: int) -> str:
        return f"{self.head}{soknad_id}{self.tail}"


def _local(at: datetime) -> datetime:
    return timezone.localtime(at) if timezone.is_aware(at) else at


@dataclass(frozen=True, slots=True)
class Line:
    """One rendered row; ``id`` is the application it links to."""

    id: int
    html: SafeString


class _Tags:
    """The row's labels, translated once per list."""

    def __init__(self) -> None:
        self.nodhjelp = format_html(' <span class="tag urgent">{}</span>', _("Nødhjelp"))
        self.skjermet = format_html(' <span class="tag muted">{}</span>', _("Skjermet adresse"))
        self.passert = format_html(" ({})", _("passert"))

    def name(self, nodhjelp: bool, beskyttet: bool) -> SafeString:
        return SafeString((self.nodhjelp if nodhjelp else "")
                          + (self.skjermet if beskyttet else ""))


_QUEUE_ROW = """
    <tr>
      {}
      <td><a href="{}">{}</a></td>
      <td><a href="{}">{}</a>{}</td>
      <td><time datetime="{}">{}</time></td>
      <td>{}</td>
      <td>{}</td>
      <td>{}</td>
      <td>{}</td>
    </tr>
  """


def queue_lines(rows: list[QueueRow], *, select: bool) -> list[Line]:
    """The work queue's rows; ``select``: with the checkbox for handing cases over."""
    url, tags = CaseUrls(), _Tags()
    velg = _("Velg sak %(n)s")
    out = []
    for r in rows:
        at = _local(r.mottatt_at)
        f = r.neste_frist
        frist = format_html('<span class="{}">{}: {}{}</span>', "overdue" if f.overdue else "",
                            f.label, f"{f.due:%d.%m.%Y}", tags.passert if f.overdue else ""
                            ) if f else ""
        check = format_html('<td><input type="checkbox" name="soknad" value="{}" id="velg-{}" '
                            'aria-label="{}"></td>', r.id, r.id, velg % {"n": r.id}
                            ) if select else ""
        link = url(r.id)
        out.append(Line(r.id, format_html(
            _QUEUE_ROW, check, link, r.id, link, r.navn, tags.name(r.nodhjelp, r.beskyttet),
            at.isoformat(), f"{at:%d.%m.%Y %H:%M}", r.kanal_label, r.status_label, frist,
            r.saksbehandler or "—")))
    return out


_WORK_ROW = """
    <tr>
      <td><a href="{}">{}</a></td>
      <td><a href="{}">{}</a>{}</td>
      <td>{}</td>
      <td>{}</td>
      <td>{}</td>
      <td><time datetime="{}">{}</time></td>
    </tr>
  """


def work_lines(items: list[WorkItem]) -> list[Line]:
    """A worklist's rows."""
    url, tags = CaseUrls(), _Tags()
    out = []
    for i in items:
        at = _local(i.mottatt_at)
        d = i.frist
        frist = format_html('<span class="{}"><time datetime="{}">{}</time>{}</span>',
                            "overdue" if i.overdue else "", f"{d:%Y-%m-%d}", f"{d:%d.%m.%Y}",
                            tags.passert if i.overdue else "") if d else "—"
        link = url(i.soknad_id)
        out.append(Line(i.soknad_id, format_html(
            _WORK_ROW, link, i.soknad_id, link, i.navn, tags.name(i.nodhjelp, i.beskyttet),
            frist, i.detalj, i.saksbehandler or "—", at.isoformat(), f"{at:%d.%m.%Y}")))
    return out


class _PersonUrls(CaseUrls):
    def __init__(self) -> None:
        marker = 987654321
        self.head, self.tail = reverse("person", args=[marker]).split(str(marker))


_HIT_ROW = """<tr>
    <td><a href="{}">{}</a></td>
    <td><a href="{}">{}</a>{}</td>
    <td><time datetime="{}">{}</time></td>
    <td>{}</td><td>{}</td><td>{}</td>
  </tr>"""


def search_lines(hits: list[FindHit]) -> list[Line]:
    """The search's table of applications."""
    case, person, tags = CaseUrls(), _PersonUrls(), _Tags()
    out = []
    for h in hits:
        at = _local(h.mottatt_at)
        out.append(Line(h.id, format_html(
            _HIT_ROW, case(h.id), h.saksnummer, person(h.person_id), h.navn,
            tags.name(False, h.beskyttet), at.isoformat(), f"{at:%d.%m.%Y %H:%M}",
            h.status_label, h.kontor, h.saksbehandler or "—")))
    return out


def people_lines(people: list[FindPerson]) -> list[Line]:
    """The search's list of people: name, number of applications, the newest one's date."""
    person = _PersonUrls()
    sist = _("sist mottatt")
    out = []
    for p in people:
        n = p.antall_soknader
        antall = ngettext("%(n)s søknad", "%(n)s søknader", n) % {"n": n}
        out.append(Line(p.person_id, format_html(
            '<li><a href="{}">{}</a> – {}, {} {}</li>', person(p.person_id), p.navn, antall,
            sist, f"{_local(p.siste_mottatt_at):%d.%m.%Y}")))
    return out
