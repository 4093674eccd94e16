"""Public views, one module per part of the site; every view is read-only."""
