from goguard.cli.main import main

main()
