"""``python -m secstats``."""

import sys

from secstats.cli import main

sys.exit(main())
