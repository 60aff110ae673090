import Foundation
import Hummingbird

extension EmulatorRequestContext {
    /// A path parameter, percent-decoded (`auth0%7C123` becomes `auth0|123`).
    func pathParameter(_ name: String) throws -> String {
        let raw = try parameters.require(name)
        return raw.removingPercentEncoding ?? raw
    }
}
