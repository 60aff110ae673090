import Testing
@testable import RosterCore

/// The state digests are streamed into the hash; they must equal the digests of the bytes
/// `JSONEncoder` writes, or saved plans would stop matching.
@Suite("Streamed state digests")
struct StreamedDigestTests {
    typealias F = Fixture

    static let awkward = [
        "auth0|plain", "quote\"d|x", "back\\slash|x", "slash/ok|x", "tab\there|x", "ctl\u{1}|x", "del\u{7F}|x",
        "ünïcode@exämple.com", "emoji😀@x.io", "line\u{2028}sep|x", "Ann@Example.com", "e\u{301}|combining",
    ]

    @Test("the desired-state digest equals JSONEncoder's, whatever the text and policy")
    func desiredMatchesEncoder() {
        let members = Self.awkward.enumerated().map { index, key in
            MemberSpec(principal: index % 2 == 0 ? .userID(key) : .email(key),
                       roles: index % 3 == 0 ? nil : [.name("viewer"), .id("rol_\(index)"), .name(key)],
                       location: F.at(index))
        }
        let policies = [
            F.policy(),
            F.policy(members: .additive, roles: .additive, protected: ["auth0|breakglass", "ops@example.com"],
                     maxMembers: 0, percent: 100, maxRoles: 12_345, minHolders: ["admin": 1, "ädmin": 2, "Admin": 3, "a_b": 4, "a-b": 5],
                     allowEmpty: true),
        ]
        for policy in policies {
            let desired = DesiredState(files: ["a.yaml"], organizations: [
                OrganizationSpec(name: "acme", id: "org_1", policy: policy, members: members, location: F.at(1)),
                OrganizationSpec(name: "b\"eta", id: nil, policy: policy, members: nil, location: F.at(2)),
                OrganizationSpec(name: "empty", id: nil, policy: policy, members: [], location: F.at(3)),
            ])
            #expect(StateDigest.of(desired) == StateDigest.referenceOf(desired))
        }
        let none = DesiredState(files: [], organizations: [])
        #expect(StateDigest.of(none) == StateDigest.referenceOf(none))
    }

    @Test("the organization digest equals JSONEncoder's, members in any order")
    func organizationMatchesEncoder() {
        var organization = CurrentOrganization(id: "org_\u{1}", name: "acme/ü", members: Self.awkward.map {
            CurrentMember(userID: $0, email: "x@y.z", roles: [TenantRole(id: "rol_\($0)", name: $0), F.admin, F.viewer])
        })
        #expect(StateDigest.of(organization) == StateDigest.referenceOf(organization))
        organization.members?.reverse()
        #expect(StateDigest.of(organization) == StateDigest.referenceOf(organization))
        organization.members = nil
        #expect(StateDigest.of(organization) == StateDigest.referenceOf(organization))
        organization.members = []
        #expect(StateDigest.of(organization) == StateDigest.referenceOf(organization))
    }
}
