"""Vendored XML schemas (data only; see LICENSE.txt for their terms and origin)."""
