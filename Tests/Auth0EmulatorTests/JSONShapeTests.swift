import Foundation
import Testing

@Suite("JSON shapes used by the replays")
struct JSONShapeTests {
    func shape(_ json: String) throws -> JSONShape {
        JSONShape(try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]))
    }

    @Test("booleans and numbers are different shapes, 0 and 1 included")
    func booleanIsNotNumber() throws {
        #expect(try shape(#"{"a": true, "b": false, "c": 1, "d": 0, "e": 2.5}"#)
            == .object(["a": .bool, "b": .bool, "c": .number, "d": .number, "e": .number]))
        #expect(try shape("true") != shape("1"))
        #expect(try shape("false") != shape("0"))
    }

    @Test("every array element is compared, not only the first")
    func everyElement() throws {
        #expect(try shape(#"[{"id": "a"}, {"id": 1}]"#) != shape(#"[{"id": "a"}, {"id": "b"}]"#))
        #expect(try shape(#"[{"id": "a"}, {"id": "b"}, {"id": "c"}]"#) == shape(#"[{"id": "x"}]"#),
                "same kind of elements, any length")
        #expect(try shape("[]") != shape(#"["a"]"#))
    }
}
