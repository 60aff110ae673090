import ArgumentParser
import RosterCLI

// Parse, then run the chosen command, async when it is async. ArgumentParser prints help,
// usage errors and the exit status for every error thrown here.
do {
    var command = try RosterCommand.parseAsRoot()
    if var asyncCommand = command as? AsyncParsableCommand {
        try await asyncCommand.run()
    } else {
        try command.run()
    }
} catch {
    RosterCommand.exit(withError: error)
}
