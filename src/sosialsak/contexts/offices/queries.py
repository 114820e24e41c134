"""Reads of office settings. They hold no personal data, so reading them is not audit-logged."""

from __future__ import annotations

from collections.abc import Iterable

from sosialsak.contexts.offices.models import OfficeSettings
from sosialsak.contexts.offices.policy import DEFAULTS, FIELDS, Settings


def _as_settings(row: OfficeSettings) -> Settings:
    return Settings(**{name: getattr(row, name) for name in FIELDS})


def settings_for(kontor_id: int) -> Settings:
    """Return the office's settings, or the defaults when none are saved."""
    row = OfficeSettings.objects.filter(kontor_id=kontor_id).first()
    return _as_settings(row) if row else DEFAULTS


def settings_for_many(kontor_ids: Iterable[int]) -> dict[int, Settings]:
    """Return the settings of each office in one query (defaults where none are saved)."""
    ids = list(kontor_ids)
    found = {r.kontor_id: _as_settings(r) for r in OfficeSettings.objects.filter(kontor_id__in=ids)}
    return {k: found.get(k, DEFAULTS) for k in ids}
