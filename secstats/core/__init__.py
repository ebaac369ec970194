"""Concepts and plumbing every stage uses: paths, problems, CSV reading, escaping, atomic writes,
digests, the table models (schemas) and their validation, a claim's semantics, periods, numbers
read exactly as written, and the vocabulary.

May import: nothing else of secstats (only secstats.version).
"""
