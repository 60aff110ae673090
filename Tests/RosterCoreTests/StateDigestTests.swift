import Testing
@testable import RosterCore

@Suite("State digests")
struct StateDigestTests {
    typealias F = Fixture

    @Test("the desired-state digest ignores member order, files and line numbers")
    func desiredIgnoresLayout() {
        let a = F.desired([F.member("auth0|ann", ["viewer", "admin"], line: 3), F.member("auth0|bob", nil, line: 4)])
        var b = F.desired([F.member("auth0|bob", nil, line: 40), F.member("auth0|ann", ["admin", "viewer"], line: 41)])
        b.files = ["other.yaml"]
        #expect(StateDigest.of(a) == StateDigest.of(b))
    }

    @Test("the desired-state digest changes with a member, a role or a policy key")
    func desiredChanges() {
        let base = StateDigest.of(F.desired([F.member("auth0|ann", ["admin"])]))
        #expect(base != StateDigest.of(F.desired([F.member("auth0|ann", ["viewer"])])))
        #expect(base != StateDigest.of(F.desired([F.member("auth0|bob", ["admin"])])))
        #expect(base != StateDigest.of(F.desired([F.member("auth0|ann", ["admin"])], policy: F.policy(maxMembers: 11))))
        var noAdditions = F.policy()
        noAdditions.additions = false
        let off = F.desired([F.member("auth0|ann", ["admin"])], policy: noAdditions)
        #expect(base != StateDigest.of(off))
        #expect(StateDigest.of(off) == StateDigest.referenceOf(off))
    }

    @Test("the organization digest follows members and role ids only")
    func organizationDigest() {
        let a = CurrentOrganization(id: "org_1", name: "acme", members: [F.tenantMember("auth0|a", [F.admin], email: "a@x.io")])
        let b = CurrentOrganization(id: "org_1", name: "acme", members: [F.tenantMember("auth0|a", [F.admin], email: "A@x.io")])
        let c = CurrentOrganization(id: "org_1", name: "acme", members: [F.tenantMember("auth0|a", [F.viewer])])
        #expect(StateDigest.of(a) == StateDigest.of(b))
        #expect(StateDigest.of(a) != StateDigest.of(c))
    }

    @Test("SHA-256 of known bytes")
    func knownVector() {
        #expect(StateDigest.sha256(Array("abc".utf8))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
