"""What the law's formulas stand on: entities and roles, enumerations, calendar arithmetic,
the registry switch, birth ranks, province codes, units, and the metadata conventions that
code-health tests enforce. The formulas themselves are in the root ``variables/`` folder and
the dated values in ``parameters/``; nothing here imports the machinery around them."""
