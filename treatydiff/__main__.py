"""``python -m treatydiff`` runs the command line."""

import sys

from treatydiff.cli import main

sys.exit(main())
