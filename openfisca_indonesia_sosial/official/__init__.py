"""Published official figures (budgets, recipients, poverty and inequality) that the
microsimulation is validated against, each with its definition and cited sources.

`figures.load_figures()` reads and checks `figures.yaml`.
"""
