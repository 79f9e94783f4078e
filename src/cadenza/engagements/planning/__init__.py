"""The season planner (docs/planning.md): an instance of ../shared/planning/README.md, its
rules, an exact CP-SAT solver and the reasons for what it declines. Pure Python and OR-Tools:
it reads no model, so an instance file can be planned without a database."""
