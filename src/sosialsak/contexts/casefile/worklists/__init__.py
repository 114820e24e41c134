"""Worklists for the caseworker and the leder: every deadline the office must keep, as lists of
applications (each item links to its case) and as counts for the start page.

Each list is one query (the children's mapping adds two, computed in batch), scoped by
``intake.queries.scoped_soknader``. Showing a list logs a read per listed application in one
``bulk_create``, as the work queue does; the counts show no personal data and are not logged.
The counts are one aggregate query (``_counts``), whatever the number of applications.
"""

from sosialsak.contexts.casefile.worklists._common import WorkItem
from sosialsak.contexts.casefile.worklists._lists import (
    ASSIGNED,
    LISTS,
    Worklist,
    WorklistPage,
    worklist,
    worklist_counts,
    worklist_overview,
    worklist_page,
)
from sosialsak.contexts.casefile.worklists._services import PROVIDERS

__all__ = ["ASSIGNED", "LISTS", "PROVIDERS", "WorkItem", "Worklist", "WorklistPage", "worklist",
           "worklist_counts", "worklist_overview", "worklist_page"]
