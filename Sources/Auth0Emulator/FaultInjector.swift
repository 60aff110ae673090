/// Decides, reproducibly from a seed, which faults each Management API request meets.
actor FaultInjector {
    /// What happens to one request.
    struct Plan: Sendable, Equatable {
        /// Close the connection without answering.
        var drop: Bool
        /// Answer this status (500, 502 or 503) without doing anything.
        var errorStatus: Int?
        /// If the request is a write that succeeds, answer 503 anyway.
        var answerUnavailableAfterWrite: Bool
        /// Wait this long before handling the request.
        var latency: Duration
    }

    private let configuration: FaultConfiguration
    private var generator: SplitMix64

    /// Creates an injector seeded from the configuration.
    init(configuration: FaultConfiguration) {
        self.configuration = configuration
        self.generator = SplitMix64(seed: configuration.seed)
    }

    /// The plan for the next request. Always draws five numbers, so later requests' faults
    /// do not depend on which faults earlier requests met.
    func nextPlan() -> Plan {
        let dropDraw = generator.nextUnitInterval()
        let errorDraw = generator.nextUnitInterval()
        let statusDraw = generator.next() % 3
        let writeDraw = generator.nextUnitInterval()
        let latencyDraw = generator.nextUnitInterval()
        let statuses = [500, 502, 503]
        let spread = configuration.maximumLatency - configuration.minimumLatency
        let latency = spread > .zero ? configuration.minimumLatency + spread * latencyDraw : configuration.minimumLatency
        return Plan(
            drop: dropDraw < configuration.dropRate,
            errorStatus: errorDraw < configuration.errorRate ? statuses[Int(statusDraw)] : nil,
            answerUnavailableAfterWrite: writeDraw < configuration.appliedButUnavailableRate,
            latency: latency)
    }
}

/// SplitMix64: a small, fast, well-distributed generator whose sequence depends only on its seed.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator.
    init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in [0, 1).
    mutating func nextUnitInterval() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }
}
