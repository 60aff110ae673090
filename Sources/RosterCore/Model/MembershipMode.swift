/// How a list in the desired state relates to the tenant.
public enum MembershipMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// The list is complete: what the tenant has beyond it is planned for removal.
    case authoritative
    /// The list is a minimum: what the tenant has beyond it is left alone.
    case additive
}
