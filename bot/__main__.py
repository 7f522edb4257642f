import sys

from bot.cli import main

if __name__ == "__main__":  # not when a reading process of an import starts from this module
    sys.exit(main())
