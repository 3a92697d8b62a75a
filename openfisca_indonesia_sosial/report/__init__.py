"""Reports: the console summary and the self-contained HTML report with Plotly charts."""
