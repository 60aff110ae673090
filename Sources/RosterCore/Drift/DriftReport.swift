import Foundation

/// Every difference between the desired state and the tenant, by organization and by kind:
/// versioned data, sorted deterministically. Its JSON field names are a public contract
/// (docs/drift-format.md); a change bumps ``currentFormatVersion``.
///
/// ``DriftAnalyzer`` fills in the organizations; the session stamps ``rosterVersion``,
/// ``createdAt`` and ``tenant``.
public struct DriftReport: Sendable, Hashable, Codable {
    /// The format version this Roster writes.
    public static let currentFormatVersion = 1

    /// The report's format version.
    public var formatVersion: Int
    /// The Roster version that made the report.
    public var rosterVersion: String
    /// When the tenant was read (UTC, whole seconds).
    public var createdAt: Date
    /// The tenant read: its domain, or `DOMAIN (emulator)`.
    public var tenant: String
    /// SHA-256 of the canonical encoding of the desired state (as in a plan).
    public var desiredStateSHA256: String
    /// The managed organizations, by name.
    public var organizations: [OrganizationDrift]

    /// Creates a report.
    public init(rosterVersion: String = "", createdAt: Date = Date(timeIntervalSince1970: 0), tenant: String = "",
                desiredStateSHA256: String, organizations: [OrganizationDrift]) {
        self.formatVersion = Self.currentFormatVersion
        self.rosterVersion = rosterVersion
        self.createdAt = createdAt
        self.tenant = tenant
        self.desiredStateSHA256 = desiredStateSHA256
        self.organizations = organizations
    }

    /// Every drift item, in order.
    public var items: [DriftItem] { organizations.flatMap(\.drift) }
    /// Whether the tenant matches the desired state.
    public var inSync: Bool { items.isEmpty }
    /// The number of organizations with drift.
    public var driftedOrganizationCount: Int { organizations.filter { !$0.drift.isEmpty }.count }

    /// The number of items of each kind, for summaries (kinds without items left out).
    public var countsByKind: [(kind: DriftItem.Kind, count: Int)] {
        DriftItem.Kind.allCases.compactMap { kind in
            let count = items.filter { $0.kind == kind }.count
            return count == 0 ? nil : (kind, count)
        }
    }

    enum CodingKeys: String, CodingKey {
        case tenant, organizations
        case formatVersion = "format_version"
        case rosterVersion = "roster_version"
        case createdAt = "created_at"
        case desiredStateSHA256 = "desired_state_sha256"
        case inSync = "in_sync"
        case driftCount = "drift_count"
    }

    /// Decodes a report; `in_sync` and `drift_count` follow from the items and are not read.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try container.decode(Int.self, forKey: .formatVersion)
        rosterVersion = try container.decode(String.self, forKey: .rosterVersion)
        createdAt = try container.decode(Date.self, forKey: .createdAt)
        tenant = try container.decode(String.self, forKey: .tenant)
        desiredStateSHA256 = try container.decode(String.self, forKey: .desiredStateSHA256)
        organizations = try container.decode([OrganizationDrift].self, forKey: .organizations)
    }

    /// Encodes the report with `in_sync` and `drift_count`, for tools that read only those.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(formatVersion, forKey: .formatVersion)
        try container.encode(rosterVersion, forKey: .rosterVersion)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(tenant, forKey: .tenant)
        try container.encode(desiredStateSHA256, forKey: .desiredStateSHA256)
        try container.encode(organizations, forKey: .organizations)
        try container.encode(inSync, forKey: .inSync)
        try container.encode(items.count, forKey: .driftCount)
    }
}
