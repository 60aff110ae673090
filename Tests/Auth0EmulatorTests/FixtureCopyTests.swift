import Foundation
import Testing

/// The recordings under Fixtures/ are a copy of `../shared/auth0-recordings` (the reference
/// the spec names), kept in the repository so that CI, which clones it alone, can replay them.
@Suite("Recording fixtures")
struct FixtureCopyTests {
    /// `<repository>/../shared/auth0-recordings`.
    static var sharedRecordingsURL: URL {
        Fixtures.repositoryURL.deletingLastPathComponent().appendingPathComponent("shared/auth0-recordings")
    }

    static var sharedRecordingsExist: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: sharedRecordingsURL.path, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }

    static func files(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test("the fixtures are an exact copy of ../shared/auth0-recordings",
          .enabled(if: sharedRecordingsExist, "../shared/auth0-recordings is absent: only the fixtures were checked"))
    func sameAsShared() throws {
        let shared = try Self.files(in: Self.sharedRecordingsURL)
        let fixtures = try Self.files(in: Fixtures.recordingsURL)
        #expect(fixtures == shared, "same file names")
        for name in Set(shared).intersection(fixtures).sorted() {
            let expected = try Data(contentsOf: Self.sharedRecordingsURL.appendingPathComponent(name))
            let actual = try Data(contentsOf: Fixtures.recordingsURL.appendingPathComponent(name))
            #expect(actual == expected, "\(name) differs from ../shared/auth0-recordings/\(name)")
        }
    }

    @Test("every fixture recording is a readable request/response pair")
    func fixturesReadable() throws {
        let names = try Self.files(in: Fixtures.recordingsURL).filter { $0.hasSuffix(".json") }
        #expect(!names.isEmpty)
        for name in names {
            let recording = try Fixtures.recording(name)
            #expect(recording.status >= 200, "\(name)")
        }
    }
}
