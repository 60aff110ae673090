import RosterCore

/// Reads one file's ``YAMLDocument`` as desired state, format version 1: checks every key,
/// type and range, and returns the organizations it declares with their effective policy.
struct DesiredStateDecoder {
    /// The format versions this Roster reads.
    static let supportedVersion = 1
    static let rootKeys = ["version", "policy", "organizations"]
    static let organizationKeys = ["id", "policy", "members"]

    var reader: SchemaReader
    /// Role lists decoded so far, handed out again for the same texts.
    var roleLists = RoleListCache()
    /// How many runs to decode the organizations in, when not by size.
    var runs: Int?
    /// Organizations decoded while the tree was built (``PredecodedOrganizations``).
    var predecoded: PredecodedOrganizations?

    init(document: YAMLDocument) {
        reader = SchemaReader(document: document)
    }

    /// Decodes the document; the organizations are meaningful only if no error was reported.
    ///
    /// - Parameter runs: how many runs to decode the organizations in; by default one per
    ///   ``nodesPerRun`` nodes, at most four per core.
    static func decode(_ document: YAMLDocument, runs: Int? = nil, predecoded: PredecodedOrganizations? = nil)
        -> (organizations: [OrganizationSpec], diagnostics: [Diagnostic]) {
        var decoder = DesiredStateDecoder(document: document)
        decoder.runs = runs
        decoder.predecoded = predecoded
        let organizations = decoder.decodeRoot()
        return (organizations, decoder.reader.diagnostics)
    }

    private var emptyFileNote: Diagnostic.Note {
        .init("a desired-state file starts with `version: 1` and declares `organizations:`; see docs/format.md")
    }

    mutating func decodeRoot() -> [OrganizationSpec] {
        let document = reader.document
        guard let root = document.root, !document.isNull(root) else {
            let location = SourceLocation(file: document.file, line: 1, column: 1)
            reader.diagnostics.append(.error(
                "file is empty; an empty file never means \"no members\"", at: location, notes: [emptyFileNote]))
            return []
        }
        guard let pairs = reader.mapping(root, "the top level", notes: [emptyFileNote]) else { return [] }
        // A plain `version: N` other than the one supported stops the checks before anything
        // else is read: the file's other keys follow rules this Roster does not know.
        for (keyNode, value) in pairs where document.scalar(keyNode, is: "version") {
            if document[value].kind == .scalar, document[value].style == .plain,
               let number = Int(document.value(of: value)), number != Self.supportedVersion {
                reader.error("unsupported format version \(number); this Roster reads version \(Self.supportedVersion)",
                             at: value)
                return []
            }
            break
        }
        var version: YAMLDocument.NodeIndex?
        var policy: YAMLDocument.NodeIndex?
        var organizations: YAMLDocument.NodeIndex?
        for (key, _, value) in reader.knownPairs(pairs, allowed: Self.rootKeys) {
            switch key {
            case "version": version = value
            case "policy": policy = value
            default: organizations = value
            }
        }
        // A missing or malformed version is most likely an oversight: the rest is still checked
        // against version 1. A different version number means rules this Roster does not know.
        if let version {
            if let number = reader.integer(version, "version", in: Int.min...Int.max), number != Self.supportedVersion {
                reader.error("unsupported format version \(number); this Roster reads version \(Self.supportedVersion)",
                             at: version)
                return []
            }
        } else {
            reader.error("missing key \"version\"", at: root, notes: [.init("add `version: 1` at the top of the file")])
        }
        let filePolicy = policy.flatMap { decodePolicy($0) } ?? PolicyOverrides()
        guard let organizations else {
            reader.error("missing key \"organizations\"", at: root,
                         notes: [.init("a file that declares no organizations is an error, never \"nothing desired\"")])
            return []
        }
        guard let orgPairs = reader.mapping(organizations, "organizations") else { return [] }
        if orgPairs.isEmpty {
            reader.error("organizations is empty; declare at least one organization", at: organizations)
            return []
        }
        let base = Policy.defaults.applying(filePolicy)
        // Organizations are decoded independently of each other: a large file's are decoded
        // in runs on every core, put together in file order.
        let runs = max(1, min(orgPairs.count, self.runs ?? min(document.nodes.count / Self.nodesPerRun, 4 * Parallel.cores)))
        // Organizations decoded while the tree was built are taken as they are when they
        // were decoded with this base policy.
        let predecoded = predecoded.flatMap { $0.base == base ? $0.organizations : nil } ?? [:]
        let decoded = Parallel.map(runs) { [document] run in
            var decoder = DesiredStateDecoder(document: document)
            var result: [OrganizationSpec] = []
            for pair in orgPairs.count * run / runs ..< orgPairs.count * (run + 1) / runs {
                let (keyNode, value) = orgPairs[pair]
                guard !document[keyNode].isReported else { continue }
                if let early = predecoded[keyNode] {
                    decoder.reader.diagnostics += early.diagnostics
                    if let organization = early.spec { result.append(organization) }
                    continue
                }
                guard let organization = decoder.decodeOrganization(keyNode, value, base: base) else { continue }
                result.append(organization)
            }
            return (result, decoder.reader.diagnostics)
        }
        var result: [OrganizationSpec] = []
        result.reserveCapacity(orgPairs.count)
        for (organizations, diagnostics) in decoded {
            result += organizations
            reader.diagnostics += diagnostics
        }
        return result
    }

    /// Below this many nodes, a file's organizations are decoded on the calling thread alone.
    static let nodesPerRun = 50_000

    mutating func decodeOrganization(_ keyNode: YAMLDocument.NodeIndex, _ value: YAMLDocument.NodeIndex,
                                     base: Policy) -> OrganizationSpec? {
        guard let name = reader.string(keyNode, "organization name") else { return nil }
        let nameIsValid = Self.isValidOrganizationName(name)
        if !nameIsValid {
            reader.error("\(SourceText.quoted(name)) is not a valid Auth0 organization name", at: keyNode,
                         notes: [.init("use the organization's `name` (not its display name): 1 to 50 lowercase letters, digits, '-' or '_'")])
        }
        let location = reader.location(keyNode)
        let shownName = SourceText.abbreviated(name)
        let document = reader.document
        if document.isNull(value) || (document[value].kind == .mapping && document.count(of: value) == 0) {
            reader.warning("organization \"\(shownName)\" declares nothing; its membership is not managed", at: keyNode,
                           notes: [.init("add `members:` to manage its membership")])
            return nameIsValid ? OrganizationSpec(name: name, id: nil, policy: base, members: nil, location: location) : nil
        }
        guard let pairs = reader.mapping(value, "organization \"\(shownName)\"") else { return nil }
        var id: String?
        var policy = base
        var membersNode: YAMLDocument.NodeIndex?
        let known = reader.knownPairs(pairs, allowed: Self.organizationKeys)
        var valid = nameIsValid && known.count == pairs.count
        for (key, _, node) in known {
            switch key {
            case "id":
                id = reader.string(node, "id")
                if let pinned = id, !Self.isValidOrganizationID(pinned) {
                    reader.error("\(SourceText.quoted(pinned)) is not an Auth0 organization id", at: node,
                                 notes: [.init("organization ids look like org_7Qb2Lc9TgHnY1xQw")])
                    valid = false
                }
                if id == nil { valid = false }
            case "policy":
                if let overrides = decodePolicy(node) { policy = policy.applying(overrides) } else { valid = false }
            default:
                membersNode = node
            }
        }
        var members: [MemberSpec]?
        if let membersNode {
            members = decodeMembers(membersNode, organization: shownName, policy: policy)
            if members == nil, !reader.document.isNull(membersNode) { valid = false }
        }
        guard valid else { return nil }
        return OrganizationSpec(name: name, id: id, policy: policy, members: members, location: location)
    }

    /// Auth0's rule for organization names: 1 to 50 of `a-z`, `0-9`, `-`, `_`.
    static func isValidOrganizationName(_ name: String) -> Bool {
        let utf8 = name.utf8
        return (1...50).contains(utf8.count) && utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
    }

    /// `org_` followed by letters and digits, at most 50 characters in all.
    static func isValidOrganizationID(_ id: String) -> Bool {
        guard id.hasPrefix("org_"), id.utf8.count > 4, id.utf8.count <= 50 else { return false }
        return id.utf8.dropFirst(4).allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
    }
}
