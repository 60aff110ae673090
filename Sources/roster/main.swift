import RosterCLI

// Called from an async function so that the async `main()` of AsyncParsableCommand is
// chosen; top-level code picks the synchronous overload, which refuses async subcommands.
func runRoster() async {
    await RosterCommand.main()
}

await runRoster()
