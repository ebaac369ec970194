"""The charts: one function per figure, the house style, the layout rules and the render cache.

May import: publish and every stage below it.
"""
