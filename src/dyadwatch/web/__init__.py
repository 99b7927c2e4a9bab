"""The store in a browser: a read-only REST API and a dashboard (``dyadwatch serve``)."""
