import RosterCLI

await RosterCommand.main()
