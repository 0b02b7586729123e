"""Renderers: redline HTML between two drafts, synoptic tables across many.

>>> from treatydiff.render import redline, Redline, history_html   # doctest: +SKIP
"""

from __future__ import annotations

from treatydiff.render.html import Redline, alignment_html, history_html, redline

__all__ = ["Redline", "alignment_html", "history_html", "redline"]
