"""What a rapor says beyond the score: the change from last year. Pure."""

from __future__ import annotations


def nilai(value: float, decimals: int = 2) -> str:
    """A score as the rapor prints it: always `decimals` places, a decimal comma."""
    return f"{value:,.{decimals}f}".translate({44: 46, 46: 44})


def change(current: float, previous: float | None, decimals: int = 2) -> str | None:
    """`naik 3,21 poin`, `turun 0,50 poin`, `tetap`; None without a previous score."""
    if previous is None:
        return None
    delta = round(current - previous, decimals)
    if delta == 0:
        return "tetap"
    return f"{'naik' if delta > 0 else 'turun'} {nilai(abs(delta), decimals)} poin"
