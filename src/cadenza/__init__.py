"""Cadenza: the career record, planner and storyteller for classical musicians."""
