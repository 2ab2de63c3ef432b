"""The interviews app's URLs: ``public`` (reading, citing, exporting, browsing) and
``editing`` (under /<lang>/edit/), each included by ``archive/urls.py``."""
