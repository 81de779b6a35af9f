"""``python -m runapi``: the ``runapi`` command line (:mod:`runapi.cli`); ``import runapi`` never loads it."""

from .cli import main

if __name__ == "__main__":
    main()
