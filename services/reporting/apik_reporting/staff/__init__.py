"""Staff activity per person (performance and credit-point reports) and the national
roll-up of every office side by side."""
