"""gunicorn's settings for the archive: ``gunicorn -c archive/gunicorn.py archive.wsgi``."""

from __future__ import annotations


def post_worker_init(worker) -> None:
    # Each worker loads what searches need from the index before it takes a request, the
    # spelling suggester's vocabulary included, so that no reader waits for it (a second or
    # two at 10k interviews).
    from search import engine, pending

    engine.warm()
    # Index work a killed process left behind is redone as soon as the site restarts.
    pending.replay_logged()
