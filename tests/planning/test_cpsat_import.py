"""OR-Tools' cp_model imported without pandas (planning/cpsat.py), and with it."""

from __future__ import annotations

import subprocess
import sys

WITHOUT = """
import sys
from cadenza.engagements.planning.cpsat import cp_model
assert "pandas" not in sys.modules, "pandas was imported"
model = cp_model.CpModel()
x = model.new_bool_var("x")
model.maximize(x)
solver = cp_model.CpSolver()
assert solver.solve(model) == cp_model.OPTIMAL and solver.value(x) == 1
import pandas
assert cp_model.pd.Series is pandas.Series  # the helpers that need pandas still find it
print("ok")
"""

WITH = """
import pandas
from cadenza.engagements.planning.cpsat import cp_model
assert cp_model.pd is pandas
print("ok")
"""


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_cp_model_loads_without_pandas_and_still_finds_it_later():
    assert _run(WITHOUT) == "ok"


def test_cp_model_uses_pandas_when_it_is_already_loaded():
    assert _run(WITH) == "ok"
