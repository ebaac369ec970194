"""The static site: pages from Jinja2 templates (templates/), each claim shown where it sits in its
document with what the checks say about it.

May import: charts and every stage below it.
"""
