"""Forwarding `/api/v1/<service>/...` to the services: no router, the edge sits in
front of FastAPI (`service/edge.py`)."""
