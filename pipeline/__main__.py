"""python -m pipeline COMMAND ...: the same as the `govstance` console command (run, compare,
eval-attribution, models), for a checkout or an environment without the console script."""
import sys

from .cli.main import main

if __name__ == "__main__":
    sys.exit(main())
