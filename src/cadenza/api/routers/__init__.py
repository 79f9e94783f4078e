"""One router per domain; `main.py` mounts them."""
