import Foundation

/// The emulator's whole state as a JSON document: the tenant's domain, the machine-to-machine
/// clients that may ask for tokens, the roles, the users and the organizations with their
/// members and member roles.
///
/// This is the format of `roster emulator --state FILE`, of `--persist` write-back, and of
/// test fixtures. `docs/emulator.md` documents it field by field.
public struct TenantSnapshot: Codable, Sendable, Equatable {
    /// The tenant's domain, e.g. `acme.eu.auth0.com`; the token audience is `https://<domain>/api/v2/`.
    public var domain: String
    /// Clients allowed to use the client-credentials grant.
    public var clients: [Client]
    /// The tenant's roles.
    public var roles: [Role]
    /// The tenant's users.
    public var users: [User]
    /// The tenant's organizations, each with its members.
    public var organizations: [Organization]

    /// Creates a snapshot.
    public init(
        domain: String,
        clients: [Client] = [],
        roles: [Role] = [],
        users: [User] = [],
        organizations: [Organization] = []
    ) {
        self.domain = domain
        self.clients = clients
        self.roles = roles
        self.users = users
        self.organizations = organizations
    }

    enum CodingKeys: String, CodingKey {
        case domain, clients, roles, users, organizations
    }

    /// Decodes a snapshot; every list may be left out when empty, the domain may not.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        domain = try container.decode(String.self, forKey: .domain)
        clients = try container.decodeIfPresent([Client].self, forKey: .clients) ?? []
        roles = try container.decodeIfPresent([Role].self, forKey: .roles) ?? []
        users = try container.decodeIfPresent([User].self, forKey: .users) ?? []
        organizations = try container.decodeIfPresent([Organization].self, forKey: .organizations) ?? []
    }

    /// A machine-to-machine application with a client-credentials grant on the Management API.
    ///
    /// Its description, debug description and mirror (`dump`, test failure output) show the
    /// client id and scopes with the secret redacted.
    public struct Client: Codable, Sendable, Equatable, CustomStringConvertible,
        CustomDebugStringConvertible, CustomReflectable {
        /// The client id.
        public var clientID: String
        /// The client secret. Never logged.
        public var clientSecret: String
        /// The Management API scopes the client was granted.
        public var scopes: [String]

        /// Creates a client.
        public init(clientID: String, clientSecret: String, scopes: [String]) {
            self.clientID = clientID
            self.clientSecret = clientSecret
            self.scopes = scopes
        }

        enum CodingKeys: String, CodingKey {
            case clientID = "client_id"
            case clientSecret = "client_secret"
            case scopes
        }

        /// `Client(clientID: "roster-ci", clientSecret: <redacted>, scopes: [...])`.
        public var description: String {
            "Client(clientID: \(String(reflecting: clientID)), clientSecret: <redacted>, scopes: \(scopes))"
        }

        /// The same as ``description``: the secret is redacted.
        public var debugDescription: String { description }

        /// The client id and scopes, with the secret redacted.
        public var customMirror: Mirror {
            Mirror(self, children: ["clientID": clientID, "clientSecret": "<redacted>", "scopes": scopes],
                   displayStyle: .struct)
        }
    }

    /// A tenant role.
    public struct Role: Codable, Sendable, Equatable {
        /// The role id, e.g. `rol_admin01`.
        public var id: String
        /// The role name, unique in the tenant.
        public var name: String
        /// The role description.
        public var description: String?

        /// Creates a role.
        public init(id: String, name: String, description: String? = nil) {
            self.id = id
            self.name = name
            self.description = description
        }
    }

    /// A tenant user.
    public struct User: Codable, Sendable, Equatable {
        /// The user id, e.g. `auth0|64f1a2b3c4d5e6f7a8b9c0d1`.
        public var userID: String
        /// The email address.
        public var email: String?
        /// The display name.
        public var name: String?
        /// The picture URL; member lists show it only when set.
        public var picture: String?

        /// Creates a user.
        public init(userID: String, email: String? = nil, name: String? = nil, picture: String? = nil) {
            self.userID = userID
            self.email = email
            self.name = name
            self.picture = picture
        }

        enum CodingKeys: String, CodingKey {
            case userID = "user_id"
            case email, name, picture
        }
    }

    /// An organization and its members.
    public struct Organization: Codable, Sendable, Equatable {
        /// The organization id, e.g. `org_7Qb2Lc9TgHnY1xQw`.
        public var id: String
        /// The organization name (unique, used by `GET /organizations/name/{name}`).
        public var name: String
        /// The display name.
        public var displayName: String?
        /// Branding, returned as given (e.g. `{"logo_url": "..."}`).
        public var branding: JSONValue?
        /// Metadata, returned as given.
        public var metadata: JSONValue?
        /// Members in the order the API lists them.
        public var members: [Member]

        /// Creates an organization.
        public init(
            id: String,
            name: String,
            displayName: String? = nil,
            branding: JSONValue? = nil,
            metadata: JSONValue? = nil,
            members: [Member] = []
        ) {
            self.id = id
            self.name = name
            self.displayName = displayName
            self.branding = branding
            self.metadata = metadata
            self.members = members
        }

        enum CodingKeys: String, CodingKey {
            case id, name
            case displayName = "display_name"
            case branding, metadata, members
        }

        /// Decodes an organization; `members` may be left out for an empty organization.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            name = try container.decode(String.self, forKey: .name)
            displayName = try container.decodeIfPresent(String.self, forKey: .displayName)
            branding = try container.decodeIfPresent(JSONValue.self, forKey: .branding)
            metadata = try container.decodeIfPresent(JSONValue.self, forKey: .metadata)
            members = try container.decodeIfPresent([Member].self, forKey: .members) ?? []
        }
    }

    /// A user's membership in one organization, with the roles it holds there.
    public struct Member: Codable, Sendable, Equatable {
        /// The member's user id; must be one of the snapshot's users.
        public var userID: String
        /// Role ids held in this organization; each must be one of the snapshot's roles.
        public var roles: [String]

        /// Creates a membership.
        public init(userID: String, roles: [String] = []) {
            self.userID = userID
            self.roles = roles
        }

        enum CodingKeys: String, CodingKey {
            case userID = "user_id"
            case roles
        }

        /// Decodes a membership; `roles` may be left out for a member without roles.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            userID = try container.decode(String.self, forKey: .userID)
            roles = try container.decodeIfPresent([String].self, forKey: .roles) ?? []
        }
    }
}
