"""OR-Tools' `cp_model`, imported without pandas.

`cp_model` imports pandas at its top only for its `*_series` helpers, which the planner
does not use; pandas is most of the import's time (about 0.5 s of a whole `cadenza plan
solve`, against a 5 s goal). So while `cp_model` is imported a stand-in answers for pandas
(the two names its module level reads), and afterwards `cp_model.pd` loads the real pandas
on first use, so those helpers still work for anyone who calls them. Should a later
OR-Tools read more of pandas while it loads, the stand-in is dropped and `cp_model` is
imported the plain way: slower, never broken (a test imports it both ways).
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any


class _PandasLater(types.ModuleType):
    """pandas, imported when `cp_model` first reads one of its names."""

    def __getattr__(self, name: str) -> Any:
        return getattr(importlib.import_module("pandas"), name)


_stand_in = "pandas" not in sys.modules
if _stand_in:
    stub = types.ModuleType("pandas")
    stub.Index = type("Index", (), {})  # type: ignore[attr-defined]
    stub.Series = type("Series", (), {})  # type: ignore[attr-defined]
    sys.modules["pandas"] = stub
try:
    from ortools.sat.python import cp_model
except Exception:  # the stand-in did not satisfy this OR-Tools: the plain import
    sys.modules.pop("pandas", None)
    sys.modules.pop("ortools.sat.python.cp_model", None)
    _stand_in = False
    from ortools.sat.python import cp_model
else:
    if _stand_in:
        vars(cp_model)["pd"] = _PandasLater("pandas")
finally:
    if _stand_in:
        sys.modules.pop("pandas", None)

__all__ = ["cp_model"]
