"""The read API (``/api/v1/``): the published corpus and its search as JSON, for scripts.

It composes the two apps (``interviews`` for the corpus and its exports, ``search`` for the
index), which is why it lives at the project level: ``search`` depends on ``interviews``,
and neither on this. The OpenAPI document is generated from the code by django-ninja
(``schemas`` declares each answer's shape; ``site`` puts the operations together).
"""
