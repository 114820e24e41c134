"""Reporting: KOSTRA 11F and 11CF derived from the case data (issue 15).

``kostra.build`` reads the year's payments, decisions, conditions, households and the
caseworker's recorded KOSTRA answers, one query per table, and hands the records to the pure
writer and checker in ``sosialsak.formats.kostra``. No models of its own.
"""
