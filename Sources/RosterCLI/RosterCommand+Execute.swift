import ArgumentParser

extension RosterCommand {
    /// Parses the command line and runs the chosen command, async when it is async, then
    /// exits. Roster's exit codes are 0 (ok), 1 (error) and 2 (changes or drift): a usage
    /// error, which ArgumentParser reports with 64, exits 1 like every other error.
    public static func execute(_ arguments: [String]? = nil) async -> Never {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            exit()
        } catch {
            if exitCode(for: error) == .validationFailure {
                Console.err(fullMessage(for: error))
                exit(withError: ExitCode.failure)
            }
            exit(withError: error)
        }
    }
}
