"""The individual social services besides økonomisk stønad (issue 14, items 4-7): the
individuell plan with coordination and consent (sotjl. § 28), midlertidig botilbud (§ 27),
økonomisk rådgivning (§ 17) and the follow-up of a concern sent to barnevernet (§ 45).

Every record hangs under the application it was opened in (``soknad``): that gives its office
and its scope (``intake.queries.scope_q``), and its letters (``decisions``). Providers of
temporary housing belong to an office."""
