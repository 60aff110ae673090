import Testing
@testable import RosterCore

/// The planner's table of declared user ids, on its own: growth beyond the capacity it was
/// reset for, reuse after a reset, and keys equal as `String`s.
@Suite("User id index")
struct UserIDIndexTests {
    @Test("keys inserted past the capacity it was reset for are all found, a repeat keeps the first")
    func growth() {
        let index = UserIDIndex()
        index.reset(capacity: 3)
        var repeats = 0
        for number in 0 ..< 20_000 where index.insert("auth0|user-\(number)", value: number) != nil { repeats += 1 }
        #expect(repeats == 0)
        let missing = (0 ..< 20_000).filter { (number: Int) -> Bool in
            let found: Int? = index.value(for: "auth0|user-\(number)")
            return found != number
        }
        #expect(missing.isEmpty, "\(missing.count) keys not found, first \(missing.prefix(3))")
        #expect(index.insert("auth0|user-7", value: 99) == 7)
        #expect(index.value(for: "auth0|user-20000") == nil && index.value(for: "") == nil)
        #expect(index.insert("", value: 5) == nil && index.value(for: "") == 5)
    }

    @Test("a reset forgets every key, ASCII or not")
    func reset() {
        let index = UserIDIndex(capacity: 4)
        _ = index.insert("auth0|ann", value: 1)
        _ = index.insert("auth0|j\u{F6}rg", value: 2)
        index.reset(capacity: 1)
        #expect(index.value(for: "auth0|ann") == nil && index.value(for: "auth0|j\u{F6}rg") == nil)
        #expect(index.insert("auth0|bob", value: 3) == nil && index.value(for: "auth0|bob") == 3)
    }

    @Test("keys equal as Strings are one key, whatever their bytes",
          arguments: [("auth0|j\u{F6}rg", "auth0|jo\u{308}rg"), ("auth0|K", "auth0|\u{212A}"), ("auth0|a;b", "auth0|a\u{37E}b")])
    func equivalence(_ first: String, _ second: String) {
        #expect(first == second)
        let index = UserIDIndex()
        index.reset(capacity: 2)
        #expect(index.insert(first, value: 1) == nil)
        #expect(index.value(for: second) == 1)
        #expect(index.insert(second, value: 2) == 1)
    }
}
