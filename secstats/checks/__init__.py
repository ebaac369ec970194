"""Stage 3, claims set against the official record and against each other: the candidate counterparts
(reconciliation), one verdict per claim, and the contradictions.

May import: clean, ledger, extract, raw, core.
"""
