"""Stage 2, the tables built from the ledger (the indicator families and their derivations) and from
the official series in the reference files, with the date each figure was published (vintages).

May import: ledger, extract, raw, core.
"""
