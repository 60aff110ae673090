import ArgumentParser

/// `roster validate`: placeholder replaced below.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "validate")
    func run() async throws {}
}
