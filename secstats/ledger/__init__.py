"""Stage 1, the hand-curated records: the claims ledger checked against the documents it quotes, the
cited record (what the sources a document cites say), the coverage of the documents (every number
claimed or dismissed), and a new document's intake (its candidate rows for a person to review).

May import: extract, raw, core.
"""
