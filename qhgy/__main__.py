import sys

from qhgy.cli import main

sys.exit(main())
