"""Writers: documents out to other formats.

:mod:`treatydiff.writers.akn` exports Akoma Ntoso 3.0 (``to_akn``) and
validates against the vendored OASIS schema (``validate``).
"""

from __future__ import annotations

from treatydiff.writers.akn import to_akn, validate

__all__ = ["to_akn", "validate"]
