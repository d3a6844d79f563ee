from checker.cli import main

# Worker processes that spawn (macOS, Windows) import this module; only the CLI runs main.
if __name__ == "__main__":
    main()
