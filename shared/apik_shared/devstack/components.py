"""The components `make up` runs, in start order (the gateway last: it fronts the rest)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Component:
    name: str  # also its database and role name, prefixed with "apik_"
    package: str

    @property
    def database(self) -> str:
        return f"apik_{self.name}"

    @property
    def app(self) -> str:
        return f"{self.package}.app:create_app"


SERVICES = (
    Component("intake", "apik_intake"),
    Component("examination", "apik_examination"),
    Component("consultation", "apik_consultation"),
    Component("reporting", "apik_reporting"),
    Component("internship", "apik_internship"),
    Component("prevention", "apik_prevention"),
    Component("integration", "apik_integration"),
)
GATEWAY = Component("gateway", "apik_gateway")
COMPONENTS = (*SERVICES, GATEWAY)
