"""Lets `python -m tutor` behave exactly like the `gdtutor` command."""

from tutor.cli import main

if __name__ == "__main__":
    main()
