"""python -m pipeline models list | pull NAME"""
import sys


def main() -> int:
    argv = sys.argv[1:]
    if not argv or argv[0] != "models":
        print("usage: python -m pipeline models {list,pull} ...", file=sys.stderr)
        return 2
    from .cli.models import main as models_main

    return models_main(argv[1:])


if __name__ == "__main__":
    sys.exit(main())
