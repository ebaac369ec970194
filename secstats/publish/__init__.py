"""The publication boundary: the catalog of published tables and their published form, the
metadata (datapackage.json, data dictionary), citations, the output manifest and the all-or-nothing
replacement of outputs.

May import: checks, clean, ledger, extract, raw, core.
"""
