import RosterCLI

await RosterCommand.execute()
