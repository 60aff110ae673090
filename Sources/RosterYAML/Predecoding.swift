import RosterCore

/// Organizations decoded while a large file's tree is still being built, on the thread that
/// builds it, in the time it would otherwise wait for libyaml's thread (``EventPipeline``).
///
/// An organization is decoded as soon as its pair under `organizations:` is complete, with
/// the base policy of the file-level `policy:` read before `organizations:`. The schema
/// decoder then takes each organization from here instead of decoding it again, but only
/// when its key is still a pair it reads (not a duplicate reported later) and when its base
/// policy is the one decoded here (a `policy:` after `organizations:` makes it differ): so
/// the result is always what decoding the whole tree afterwards gives.
struct PredecodedOrganizations: Sendable {
    /// The base policy the organizations were decoded with.
    var base: Policy
    /// By the organization's key node: what decoding it gave, and its diagnostics.
    var organizations: [YAMLDocument.NodeIndex: (spec: OrganizationSpec?, diagnostics: [Diagnostic])] = [:]
}

/// The state of predecoding during one parse.
struct Predecoding {
    /// The position in the parse's frames of the `organizations:` mapping being read.
    var frame: Int?
    /// Whether `organizations:` was met (only the first one is read).
    var started = false
    var result: PredecodedOrganizations?
    /// Role lists decoded so far, handed on from one organization to the next.
    var roleLists = RoleListCache()
}

extension ParseState {
    /// Called when a collection starts (before its frame is pushed): notes the start of the
    /// `organizations:` mapping directly under the root mapping.
    mutating func predecodeCollectionStarts(isMapping: Bool) {
        guard var predecoding, !predecoding.started, frames.count == 1,
              document[frames[0].node].kind == .mapping else { return }
        let root = scratch[frames[0].scratchStart...]
        // The collection is a value when the root has an odd number of children so far.
        guard root.count % 2 == 1, let key = root.last, document.scalar(key, is: "organizations") else { return }
        predecoding.started = true
        if isMapping {
            predecoding.frame = 1
            predecoding.result = PredecodedOrganizations(base: basePolicySoFar(root.dropLast()))
        }
        self.predecoding = predecoding
    }

    /// Called after a node is complete at any depth: decodes the organization whose pair it
    /// completes, if any.
    mutating func predecodeAfterNode() {
        guard let frame = predecoding?.frame, frames.count == frame + 1 else { return }
        let pairs = scratch[frames[frame].scratchStart...]
        guard pairs.count % 2 == 0, pairs.count > 0 else { return }
        let key = pairs[pairs.endIndex - 2], value = pairs[pairs.endIndex - 1]
        guard document[key].kind == .scalar, let base = predecoding?.result?.base else { return }
        // The decoder holds the document only while it decodes, so the tree's arrays are not
        // copied when they grow again.
        var decoder = DesiredStateDecoder(document: document)
        decoder.roleLists = predecoding!.roleLists
        let spec = decoder.decodeOrganization(key, value, base: base)
        predecoding!.roleLists = decoder.roleLists
        predecoding!.result!.organizations[key] = (spec, decoder.reader.diagnostics)
    }

    /// Called when a collection ends (after its frame is popped).
    mutating func predecodeCollectionEnds() {
        if let frame = predecoding?.frame, frames.count == frame {
            predecoding?.frame = nil  // the `organizations:` mapping itself ended
        } else {
            predecodeAfterNode()
        }
    }

    /// The base policy from a `policy:` among the root's pairs read so far (as the decoder
    /// reads the root: the first such key).
    private func basePolicySoFar(_ pairs: ArraySlice<YAMLDocument.NodeIndex>) -> Policy {
        var decoder = DesiredStateDecoder(document: document)
        var index = pairs.startIndex
        while index + 1 < pairs.endIndex {
            let key = pairs[index]
            if document[key].kind == .scalar, !document[key].isReported, document.scalar(key, is: "policy") {
                return Policy.defaults.applying(decoder.decodePolicy(pairs[index + 1]) ?? PolicyOverrides())
            }
            index += 2
        }
        return Policy.defaults
    }
}
