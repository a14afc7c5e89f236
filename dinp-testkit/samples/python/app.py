"""Sample for the python stack: a WSGI hello (gunicorn serves app:app on $PORT)."""
import sys

from greeting import WORD


def app(environ, start_response):
    body = (WORD + " from python %d.%d\n" % sys.version_info[:2]).encode()
    start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8"),
                              ("Content-Length", str(len(body)))])
    return [body]
