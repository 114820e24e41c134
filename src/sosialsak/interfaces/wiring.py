"""Connect the contexts' ports. ``payments`` sits above ``decisions`` in the DAG, so making a
decision reaches the payment plan, a reduction the replacement of the remaining payments, and a
feilregistrert sak the annulment of its unpaid payments, through the ports installed here.

Installed lazily (issue 13, start-up): importing the decisions' operations at start-up pulled
in most of the domain (rules, Digisos, letters) and cost every CLI call about a second. So
:func:`install_when_imported` (called from ``caseworker.apps.ready``) installs the ports the
moment the module that holds them (``decisions.operations._ports``) has been executed, which is
before anything can call them; if it is already loaded, at once.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from collections.abc import Sequence
from datetime import date, datetime
from types import ModuleType
from typing import TYPE_CHECKING, Any

from sosialsak.contexts.accounts.scope import Scope

if TYPE_CHECKING:
    from importlib.machinery import ModuleSpec

    from sosialsak.contexts.decisions.operations import ReplacedPayments, UtbetalingValg

PORTS = "sosialsak.contexts.decisions.operations._ports"


def _plan(
    *, scope: Scope, actor: object, vedtak_id: int, valg: UtbetalingValg, now: datetime
) -> Sequence[Any]:
    from sosialsak.contexts.payments.planning import create_payment_plan
    from sosialsak.contexts.payments.recipients import Mottaker

    mottaker = Mottaker(type=valg.mottaker_type, navn=valg.navn, kontonummer=valg.kontonummer,
                        organisasjonsnummer=valg.organisasjonsnummer,
                        samtykke_id=valg.samtykke_id, kid=valg.kid)
    return create_payment_plan(scope=scope, actor=actor, vedtak_id=vedtak_id,
                               hyppighet=valg.hyppighet, now=now, mottaker=mottaker,
                               forfallsdato=valg.forfallsdato)


def _replace(
    *, scope: Scope, actor: object, vedtak_id: int, ny_vedtak_id: int, fra: date, now: datetime,
    til: date | None = None,
) -> ReplacedPayments:
    from sosialsak.contexts.decisions.operations import ReplacedPayments
    from sosialsak.contexts.payments.replacement import replace_payment_plan

    done = replace_payment_plan(scope=scope, actor=actor, vedtak_id=vedtak_id,
                                ny_vedtak_id=ny_vedtak_id, fra=fra, til=til, now=now)
    return ReplacedPayments(stoppet=[u.referanse for u in done.stoppet], planlagt=done.planlagt)


def _annul(*, scope: Scope, actor: object, vedtak_id: int, now: datetime) -> Sequence[str]:
    from sosialsak.contexts.payments.operations import annul_unpaid_payments

    return [u.referanse for u in annul_unpaid_payments(scope=scope, actor=actor,
                                                        vedtak_id=vedtak_id, now=now)]


def _stop(*, scope: Scope, actor: object, vedtak_id: int, fra: date, now: datetime
          ) -> Sequence[str]:
    from sosialsak.contexts.payments.operations import stop_planned_payments

    return [u.referanse for u in stop_planned_payments(scope=scope, actor=actor,
                                                        vedtak_id=vedtak_id, from_date=fra,
                                                        now=now)]


def _install_into(ports: ModuleType) -> None:
    ports.install_payment_annuller(_annul)
    ports.install_payment_stopper(_stop)
    ports.install_payment_planner(_plan)
    ports.install_payment_replacer(_replace)


def install() -> None:
    """Install the ports now (imports the decisions' operations)."""
    import importlib

    _install_into(importlib.import_module(PORTS))


class _InstallAfterImport(importlib.abc.MetaPathFinder):
    """Finds nothing itself: for the ports module only, it wraps the real loader so the ports
    are installed right after the module's own code has run (then it steps aside)."""

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: ModuleType | None = None) -> ModuleSpec | None:
        if fullname != PORTS:
            return None
        if self in sys.meta_path:
            sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is not None and isinstance(spec.loader, importlib.abc.Loader):
            spec.loader = _Loader(spec.loader)
        return spec


class _Loader(importlib.abc.Loader):
    def __init__(self, real: importlib.abc.Loader) -> None:
        self.real = real

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        return self.real.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self.real.exec_module(module)
        _install_into(module)


def install_when_imported() -> None:
    """Install the ports as soon as their module is imported (at once if it already is)."""
    if PORTS in sys.modules:
        _install_into(sys.modules[PORTS])
    elif not any(isinstance(f, _InstallAfterImport) for f in sys.meta_path):
        sys.meta_path.insert(0, _InstallAfterImport())
