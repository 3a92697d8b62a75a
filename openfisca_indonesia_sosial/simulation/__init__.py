"""Building OpenFisca simulations from tables (no JSON situations) and computing them."""
