"""Reforms: the one door for reform files and classes.

:mod:`.files` reads and applies reform files (parametric YAML, structural Python), with
:mod:`.reading` (safe YAML), :mod:`.values` (each value fits its unit) and :mod:`.money` (no
32-bit overflow); :mod:`.catalog` lists the shipped reforms for the command line, the Web API
and the docs; :mod:`.classes` exposes each as an OpenFisca ``Reform`` class for YAML tests.
(``openfisca_indonesia_sosial.reforms``, plural, is where the root ``reforms/`` folder of
reform files is installed.)
"""
