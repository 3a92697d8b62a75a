"""Reports: terminal tables, JSON and CSV."""
