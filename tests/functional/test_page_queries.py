"""Issue 13 (fast at national scale): each page costs a fixed number of SQL queries, whatever
the number of rows it shows. Every page is measured with 3 and with 30 rows (applications on
the lists; children, items, documentation requests and tasks on the case page): a query per row
makes the second count larger and breaks the pinned maximum."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sosialsak.contexts.accounts.scope import scope_for
from sosialsak.contexts.audit.models import AuditEntry
from sosialsak.contexts.cases.models import Dokumentasjonskrav
from sosialsak.contexts.cases.operations import create_oppgave
from sosialsak.contexts.decisions.operations import VedtakInput, record_vedtak
from sosialsak.contexts.intake.models import Soknad, SoktStonad

pytestmark = pytest.mark.django_db

# The pinned maxima, measured at 3 rows; a page that needs more must say why here. Before
# issue 13 (with 3 rows): 10, 19, 9, 31 and 30. Each includes the session, the user and one
# query for the user's roles and permissions (it was three, and the menu's audit link two more).
MAX_QUERIES = {
    "/arbeidsliste/": 6,  # + the page, its audit insert, the total (2+ pages), the nav badge
    "/arbeidslister/": 13,  # the office settings, one aggregate for every count; 3 for the
    # children's mapping rule (the candidates, their stated children, the newest sections); 4
    # for issue 14's lists (the KVP screening's cases and support months, the offices' clocks)
    "/api/v1/soknader": 5,  # + the page and its audit insert (+ the total for 2+ pages)
    # The workspace (issue 12) adds the journal notes and the appeals: one query each.
    "case": 30,  # the stated household is three queries (issue 10); the colleagues to hand over to
    "api_read": 26,
    # the vedtak builder (issue 12): the stated household (three), the economy from the
    # application and the mapping (two), the payment choices; never a query per row
    "builder": 20,
}


@pytest.fixture
def client(users: dict[str, Any]) -> Client:
    c = Client()
    c.force_login(users["veileder_a"])
    return c


def _due_case(make_soknad: Callable[..., Any], users: dict[str, Any]) -> Soknad:
    """An open application on several worklists: old, undecided, a child not mapped, a
    documentation request past its deadline and a task due today."""
    actor = users["veileder_a"]
    s = make_soknad(barn=1, items=("LIVSOPPHOLD", "HUSLEIE"))
    now = timezone.now()
    Soknad.objects.filter(pk=s.pk).update(mottatt_at=now - timedelta(days=40))
    Dokumentasjonskrav.objects.create(soknad=s, tittel="Kontoutskrift",
                                      frist=now.date() - timedelta(days=2),
                                      opprettet_at=now - timedelta(days=20))
    create_oppgave(scope=scope_for(actor), actor=actor, soknad_id=s.pk, tittel="Ring",
                   frist=timezone.localdate(now), now=now)
    return s


def _count(client: Client, url: str, limit: int, assert_max: Any) -> int:
    with assert_max(limit), CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ["/arbeidsliste/", "/arbeidslister/", "/api/v1/soknader"])
def test_a_list_page_costs_the_same_for_3_and_30_applications(
    url: str, client: Client, make_soknad: Callable[..., Any], users: dict[str, Any],
    django_assert_max_num_queries: Any,
) -> None:
    for _ in range(3):
        _due_case(make_soknad, users)
    few = _count(client, url, MAX_QUERIES[url], django_assert_max_num_queries)
    for _ in range(27):
        _due_case(make_soknad, users)
    many = _count(client, url, MAX_QUERIES[url], django_assert_max_num_queries)
    assert few == many
    if url != "/arbeidslister/":  # the counts show no personal data and are not logged
        assert AuditEntry.objects.filter(action="READ", object_type="soknad").count() == 33


def _rich_case(make_soknad: Callable[..., Any], users: dict[str, Any], n: int) -> Soknad:
    """One application with ``n`` children, items, documentation requests and tasks, and a
    decision on its first item."""
    actor = users["veileder_sf"]
    scope = scope_for(actor)
    s = make_soknad(barn=n, items=("HUSLEIE",))
    SoktStonad.objects.bulk_create(SoktStonad(soknad=s, type="STROM") for _ in range(n - 1))
    now = timezone.now()
    today = timezone.localdate(now)
    Dokumentasjonskrav.objects.bulk_create(
        Dokumentasjonskrav(soknad=s, tittel=f"Dokument {i}", frist=today + timedelta(days=i),
                           opprettet_at=now) for i in range(n))
    for i in range(n):
        create_oppgave(scope=scope, actor=actor, soknad_id=s.pk, tittel=f"Oppgave {i}",
                       frist=today + timedelta(days=i), now=now)
    first = s.poster.order_by("pk").first()
    record_vedtak(scope=scope, actor=actor, soknad_id=s.pk, now=now, data=VedtakInput(
        post_ids=[first.pk], hjemmel="§ 19", utfall="INNVILGET", stonadsform="BIDRAG",
        belop=4000, periode_fra=today, periode_til=today + timedelta(days=30),
        begrunnelse="Nødvendig."))
    return s


@pytest.mark.parametrize("page", ["case", "api_read"])
def test_the_case_page_and_api_read_cost_the_same_for_3_and_30_rows(
    page: str, client: Client, make_soknad: Callable[..., Any], users: dict[str, Any],
    django_assert_max_num_queries: Any,
) -> None:
    def url(s: Soknad) -> str:
        return f"/soknad/{s.pk}/" if page == "case" else f"/api/v1/soknader/{s.pk}"

    few = _count(client, url(_rich_case(make_soknad, users, 3)), MAX_QUERIES[page],
                 django_assert_max_num_queries)
    many = _count(client, url(_rich_case(make_soknad, users, 30)), MAX_QUERIES[page],
                  django_assert_max_num_queries)
    assert few == many


def test_the_worklist_total_counts_each_application_once(
    client: Client, make_soknad: Callable[..., Any], users: dict[str, Any],
) -> None:
    """Issue 12: an application on four lists is one case to follow up, not four."""
    for _ in range(2):
        _due_case(make_soknad, users)
    page = client.get("/arbeidslister/").content.decode()
    assert "2 saker å følge opp i alt" in page


def test_the_queue_pages_by_cursor_without_losing_or_repeating_a_row(
    client: Client, make_soknad: Callable[..., Any], monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Keyset paging: every open application is reachable ("neste side"), none twice, in the
    queue's order (urgent first, then oldest); equal times are ordered by id."""
    from sosialsak.interfaces.caseworker import views

    monkeypatch.setattr(views, "QUEUE_PAGE", 4)
    made = [make_soknad(office="A") for _ in range(10)]
    base = timezone.now() - timedelta(days=3)
    for i, s in enumerate(made):  # pairs with the same time, three urgent
        Soknad.objects.filter(pk=s.pk).update(mottatt_at=base + timedelta(hours=i // 2),
                                              nodhjelp=i in (2, 5, 9))
    seen: list[int] = []
    url = "/arbeidsliste/"
    for _ in range(5):
        response = client.get(url)
        seen += [r.id for r in response.context["rows"]]
        assert response.context["total"] == 10
        url = response.context["neste"]
        if not url:
            break
    expected = list(Soknad.objects.order_by("-nodhjelp", "mottatt_at", "pk")
                    .values_list("pk", flat=True))
    assert seen == expected
    assert "Neste side" not in response.content.decode()


def test_the_api_list_pages_with_link_and_total(
    client: Client, make_soknad: Callable[..., Any],
) -> None:
    for _ in range(5):
        make_soknad(office="A")
    first = client.get("/api/v1/soknader?limit=2")
    assert first.status_code == 200
    assert first["X-Total-Count"] == "5"
    ids = [r["id"] for r in first.json()]
    link = first["Link"]
    while link:
        nxt = link.split(">", 1)[0].lstrip("<")
        response = client.get(nxt)
        ids += [r["id"] for r in response.json()]
        link = response.get("Link", "")
    assert sorted(ids) == sorted(Soknad.objects.values_list("pk", flat=True))
    assert len(ids) == 5


@pytest.mark.parametrize("query", ["etter=ikke-en-markor", "limit=0", "limit=501"])
def test_a_bad_cursor_or_limit_names_the_field(client: Client, query: str) -> None:
    response = client.get(f"/api/v1/soknader?{query}")
    assert response.status_code in (400, 422)
    assert response.json()["extra"]["field"] == query.split("=")[0]


def test_the_openapi_document_describes_the_paging(client: Client) -> None:
    doc = client.get("/api/openapi.json").json()
    op = doc["paths"]["/api/v1/soknader"]["get"]
    names = {p["name"] for p in op["parameters"]}
    assert {"etter", "limit"} <= names
    assert "X-Total-Count" in op["description"]


def test_strengt_fortrolig_stays_off_every_page_of_the_queue(
    make_soknad: Callable[..., Any], users: dict[str, Any],
) -> None:
    """The protection rule now runs as NOT IN over the strictly confidential people: still
    invisible without the permission, visible with it."""
    hidden = make_soknad(beskyttelse="STRENGT_FORTROLIG")
    make_soknad()
    plain, allowed = Client(), Client()
    plain.force_login(users["veileder_a"])
    allowed.force_login(users["veileder_sf"])
    assert hidden.pk not in [r["id"] for r in plain.get("/api/v1/soknader").json()]
    assert plain.get("/api/v1/soknader")["X-Total-Count"] == "1"
    assert hidden.pk in [r["id"] for r in allowed.get("/api/v1/soknader").json()]


def test_the_menu_shows_the_audit_log_to_the_leder_only(users: dict[str, Any]) -> None:
    """The menu reads the audit permission from the request's scope (no permission queries on
    every page); the link still follows the rule of the audit page itself."""
    shown = {}
    for name in ("leder_a", "veileder_a"):
        c = Client()
        c.force_login(users[name])
        shown[name] = "/tilgangslogg/" in c.get("/arbeidsliste/").content.decode()
    assert shown == {"leder_a": True, "veileder_a": False}


def _economy(s: Soknad, n: int, actor: Any) -> None:
    """``n`` incomes and housing costs from the application, and a mapped housing cost."""
    from sosialsak.contexts.cases.operations import save_kartlegging
    from sosialsak.contexts.intake.models import OkonomiPost

    save_kartlegging(scope=scope_for(actor), actor=actor, soknad_id=s.pk, del_type="BOLIG",
                     barn_id=None, svar={"bosituasjon": "1", "boutgift": 9000},
                     now=timezone.now())
    kinds = [("INNTEKT", "jobb"), ("INNTEKT", "barnetrygd"), ("BOUTGIFT", "husleie"),
             ("BOUTGIFT", "strom")]
    OkonomiPost.objects.bulk_create(
        OkonomiPost(soknad=s, kind=kinds[i % 4][0], type=kinds[i % 4][1], tittel="x",
                    belop=100 + i) for i in range(n))


def test_the_builder_page_costs_the_same_for_3_and_30_rows(
    client: Client, make_soknad: Callable[..., Any], users: dict[str, Any],
    django_assert_max_num_queries: Any,
) -> None:
    def page(n: int) -> int:
        s = _rich_case(make_soknad, users, n)
        _economy(s, n, users["veileder_sf"])
        return _count(client, f"/soknad/{s.pk}/vedtak/ny/", MAX_QUERIES["builder"],
                      django_assert_max_num_queries)

    few, many = page(3), page(30)
    assert few == many


def test_a_worklist_pages_by_cursor_without_losing_or_repeating_a_line(
    client: Client, make_soknad: Callable[..., Any], users: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 13: /arbeidslister/<key>/ shows a page of lines with "Neste side" (keyset, like
    the queue): every line is reached once, in the list's order, and only the shown page's
    applications are logged as read."""
    from sosialsak.contexts.casefile.worklists import worklist
    from sosialsak.interfaces.caseworker.views_cases import _start

    monkeypatch.setattr(_start, "WORKLIST_PAGE", 4)
    for _ in range(10):
        _due_case(make_soknad, users)
    expected = [i.soknad_id for i in worklist(
        scope=scope_for(users["veileder_a"]), actor=users["veileder_a"], key="uten-vedtak",
        today=timezone.localdate(), purpose="test")]
    assert len(expected) == 10
    before = AuditEntry.objects.filter(action="READ", object_type="soknad").count()
    seen: list[int] = []
    url = "/arbeidslister/uten-vedtak/"
    for _ in range(5):
        response = client.get(url)
        assert response.status_code == 200
        assert "10 saker" in response.content.decode()
        seen += [line.id for line in response.context["items"]]
        url = response.context["neste"]
        if not url:
            break
    assert seen == expected
    assert "Neste side" not in response.content.decode()
    assert AuditEntry.objects.filter(action="READ", object_type="soknad").count() - before == 10


def test_a_bad_worklist_cursor_starts_again_from_the_first_page(client: Client) -> None:
    response = client.get("/arbeidslister/uten-vedtak/?etter=ikke-en-markor&mine=1")
    assert response.status_code == 302
    assert response["Location"] == "/arbeidslister/uten-vedtak/?mine=1"
