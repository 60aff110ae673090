import ArgumentParser

extension RosterCommand {
    /// Parses the command line and runs the chosen command, async when it is async, then
    /// exits. Roster's exit codes are 0 (ok), 1 (error) and 2 (changes or drift): a usage
    /// error, which ArgumentParser reports with 64, exits 1 like every other error.
    ///
    /// A `ValidationError` a command throws once running (no tenant given, a snapshot that
    /// cannot be read) is reported as `error: ...` alone: the usage text, right for a
    /// mistake on the command line, would only point away from the problem.
    public static func execute(_ arguments: [String]? = nil) async -> Never {
        var command: any ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            if exitCode(for: error) == .validationFailure {
                Console.err(fullMessage(for: error))
                exit(withError: ExitCode.failure)
            }
            exit(withError: error)
        }
        do {
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            exit()
        } catch let error as ValidationError {
            exit(withError: failure(error.message))
        } catch {
            exit(withError: error)
        }
    }
}
