"""The interviews app's forms, a module per group of views (as in ``views/``)."""
