"""``python -m hostcost``."""

import sys

from hostcost.cli import main

if __name__ == "__main__":
    sys.exit(main())
