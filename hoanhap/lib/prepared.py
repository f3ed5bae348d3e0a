"""The former name of ``hoanhap.lib.compiled.compiled_query``, until its users are renamed."""

from hoanhap.lib.compiled import compiled_query as prepared

__all__ = ["prepared"]
