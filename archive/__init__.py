"""The project: settings, root URLs, WSGI."""

# The archive's release, named in what it writes for other tools (TMX headers);
# pyproject.toml reads it from here.
__version__ = "0.1.0"
