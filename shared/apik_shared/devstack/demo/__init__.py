"""`make demo`: a demo office's year put into a running APIK through the gateway's API.

It lives beside `make up` (`python -m apik_shared.devstack demo`) because it is the same
kind of thing, a developer's tool for a system on this machine, installed with the
platform library and run from the same command; it imports no component and talks to
the gateway over HTTP only, as any client would (see `fill.py`, `data.py`).
"""

from apik_shared.devstack.demo.data import DEMO_PASSWORD, STAFF
from apik_shared.devstack.demo.fill import DemoError, Summary, fill, username

__all__ = ["DEMO_PASSWORD", "STAFF", "DemoError", "Summary", "fill", "username"]
