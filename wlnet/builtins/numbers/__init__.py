"""Numbers and mathematics: numeric values and constants, arithmetic, powers, elementary
functions, rounding, bounds, integer functions, comparisons and logic, random numbers."""
