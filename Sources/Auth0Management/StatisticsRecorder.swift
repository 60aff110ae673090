/// Where a client's ``RequestStatistics`` accumulate.
actor StatisticsRecorder {
    private(set) var current = RequestStatistics()

    func record(_ update: (inout RequestStatistics) -> Void) { update(&current) }
}
