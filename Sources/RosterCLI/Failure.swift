import ArgumentParser
import Roster
import RosterCore

/// Prints `error: ...` on standard error (email addresses masked when `maskEmails`) and
/// returns the exit status to throw: throwing, never exiting, lets the emulator shut down
/// and temporary folders be removed.
func failure(_ error: any CustomStringConvertible, maskEmails: Bool = false) -> ExitCode {
    // An error may quote the tenant (Auth0's message, a name): shown as written, never
    // acting on the terminal.
    let text = DisplaySafe.terminal("error: \(error)", keepingLineBreaks: true)
    Console.err(maskEmails ? EmailMask.mask(text) : text)
    return ExitCode.failure
}

/// ``failure(_:maskEmails:)`` for a session's error: the problems of invalid files or of a
/// refused plan first, each `file:line:column: error: ...` from the start of its line as CI
/// annotations read them, then what happened.
func failure(_ error: SessionError, maskEmails: Bool = false) -> ExitCode {
    switch error {
    case .invalidDesiredState(let diagnostics):
        showForPeople(diagnostics, maskEmails: maskEmails)
    case .refused(let refusal):
        showForPeople(refusal.diagnostics, maskEmails: maskEmails)
        return failure("no plan: fix the problems above, then plan again; nothing was changed", maskEmails: maskEmails)
    default:
        break
    }
    return failure(error as any CustomStringConvertible, maskEmails: maskEmails)
}

/// Prints diagnostics on standard error for people: what they quote from the files or the
/// tenant shown as written, never acting on the terminal, and email addresses masked when
/// `maskEmails`.
func showForPeople(_ diagnostics: [Diagnostic], maskEmails: Bool) {
    for diagnostic in diagnostics {
        let text = DisplaySafe.terminal(diagnostic.renderedText, keepingLineBreaks: true)
        Console.err(maskEmails ? EmailMask.mask(text) : text)
    }
}
