"""``python -m hostcost``."""

from hostcost.cli import main

if __name__ == "__main__":
    main()
