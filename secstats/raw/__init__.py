"""Stage 0, the raw inputs: documents kept byte-exact and verified by checksum, reference files read
only after their declared coverage is met, and the origin record of each.

May import: core.
"""
