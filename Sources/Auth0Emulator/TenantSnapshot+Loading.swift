import Foundation

extension TenantSnapshot {
    /// Reads, decodes and validates a snapshot file.
    ///
    /// - Throws: ``SnapshotError`` naming the file and the place of every problem found.
    public static func load(contentsOf url: URL) throws -> TenantSnapshot {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
            throw SnapshotError(source: url.path, problems: [
                .init(path: "", message: "cannot read the file: it is a folder; give a snapshot file (JSON)"),
            ])
        }
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw SnapshotError(source: url.path, problems: [.init(path: "", message: "cannot read the file: it does not exist")])
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SnapshotError(source: url.path, problems: [
                .init(path: "", message: "cannot read the file: \(error.localizedDescription)"),
            ])
        }
        return try decode(data, source: url.path)
    }

    /// Decodes and validates snapshot JSON. Unknown keys (such as a misspelled
    /// `organisations`) are problems, never ignored.
    ///
    /// - Parameter source: how messages name the input, e.g. its file path.
    /// - Throws: ``SnapshotError`` naming the place of every problem found.
    public static func decode(_ data: Data, source: String = "<snapshot>") throws -> TenantSnapshot {
        let snapshot: TenantSnapshot
        let unknownKeys = JSONValue.parse(data).map(unknownKeyProblems(in:)) ?? []
        do {
            snapshot = try JSONDecoder().decode(TenantSnapshot.self, from: data)
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
                throw SnapshotError(source: source, problems: [.init(path: "", message: syntaxProblem(in: data))])
            }
            throw SnapshotError(source: source, problems: [SnapshotProblem(decodingError: error)] + unknownKeys)
        } catch {
            throw SnapshotError(source: source, problems: [.init(path: "", message: "\(error)")])
        }
        let problems = unknownKeys + snapshot.validate()
        if !problems.isEmpty {
            throw SnapshotError(source: source, problems: problems)
        }
        return snapshot
    }

    /// Describes a JSON syntax error with its line and column, when Foundation tells where it is.
    static func syntaxProblem(in data: Data) -> String {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
            if let range = detail.range(of: "character "),
               let offset = Int(detail[range.upperBound...].prefix(while: \.isNumber)) {
                let prefix = data.prefix(offset)
                let line = prefix.filter { $0 == 0x0A }.count + 1
                let column = offset - (prefix.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
                return "not valid JSON at line \(line), column \(column): \(detail)"
            }
            if !detail.isEmpty { return "not valid JSON: \(detail)" }
        }
        return "not valid JSON"
    }

    /// The snapshot as pretty-printed JSON with sorted keys, as `--persist` writes it.
    public func encodedJSON() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }
}

extension SnapshotProblem {
    /// Describes a decoding failure at the JSON path where it happened.
    init(decodingError error: DecodingError) {
        func path(_ codingPath: [any CodingKey]) -> String {
            SnapshotProblem.path(codingPath.map { key in
                key.intValue.map { .index($0) } ?? .key(key.stringValue)
            })
        }
        switch error {
        case .typeMismatch(let type, let context):
            self.init(path: path(context.codingPath), message: "expected \(SnapshotProblem.jsonTypeName(type))")
        case .valueNotFound(let type, let context):
            self.init(path: path(context.codingPath), message: "expected \(SnapshotProblem.jsonTypeName(type)), found null")
        case .keyNotFound(let key, let context):
            self.init(path: path(context.codingPath), message: "missing required field \"\(key.stringValue)\"")
        case .dataCorrupted(let context):
            let detail = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            let message = context.codingPath.isEmpty
                ? "not valid JSON" + (detail.map { ": \($0)" } ?? "")
                : context.debugDescription
            self.init(path: path(context.codingPath), message: message)
        @unknown default:
            self.init(path: "", message: "\(error)")
        }
    }

    static func jsonTypeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is [String].Type: "an array of strings"
        case is Bool.Type: "a boolean"
        case is Int.Type, is Int64.Type, is Double.Type: "a number"
        case is Array<Any>.Type: "an array"
        default:
            String(describing: type).hasPrefix("Array") ? "an array" : "an object"
        }
    }
}
