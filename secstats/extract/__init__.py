"""The candidate ledger rows a document states: every quantity, its unit, qualifier, quote and period.

May import: raw, core.
"""
