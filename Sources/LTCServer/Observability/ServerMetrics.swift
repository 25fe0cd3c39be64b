import Synchronization

/// What `/metrics` shows, in Prometheus's text format (0.0.4): requests by
/// operation and status, a latency histogram by operation, submissions and
/// logs accepted and rejected, and the use of the worker pool (each worker
/// one database connection) and of connections.
///
/// Written here rather than with swift-prometheus: a few counters and one
/// histogram are forty lines, and a dependency is build time on every run.
public final class ServerMetrics: Sendable {
    /// The histogram's upper bounds, in seconds.
    public static let buckets: [Double] = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private struct Latency {
        var counts = [Int](repeating: 0, count: ServerMetrics.buckets.count)
        var sum = 0.0
        var count = 0

        mutating func record(_ seconds: Double) {
            for (index, bound) in ServerMetrics.buckets.enumerated() where seconds <= bound { counts[index] += 1 }
            sum += seconds
            count += 1
        }
    }

    private struct State {
        var requests: [String: [Int: Int]] = [:]
        var latency: [String: Latency] = [:]
        var submissions = 0
        var accepted = 0
        var rejected = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// One request answered: its operation (or route), status and seconds.
    public func observe(operation: String, status: Int, seconds: Double) {
        state.withLock { state in
            state.requests[operation, default: [:]][status, default: 0] += 1
            // In place: a copy taken out and put back would copy its counts on every request.
            state.latency[operation, default: Latency()].record(seconds)
        }
    }

    /// One submission of logs stored, with its counts.
    public func submitted(accepted: Int, rejected: Int) {
        state.withLock { state in
            state.submissions += 1
            state.accepted += accepted
            state.rejected += rejected
        }
    }

    /// The text `/metrics` answers.
    public func render(pool: WorkerPool, connections: Int) -> String {
        let state = state.withLock { $0 }
        var lines: [String] = []
        lines.append("# HELP ltc_http_requests_total Requests answered, by operation (or route) and status.")
        lines.append("# TYPE ltc_http_requests_total counter")
        for (operation, statuses) in state.requests.sorted(by: { $0.key < $1.key }) {
            for (status, count) in statuses.sorted(by: { $0.key < $1.key }) {
                lines.append("ltc_http_requests_total{operation=\"\(Self.label(operation))\",status=\"\(status)\"} \(count)")
            }
        }
        lines.append("# HELP ltc_http_request_duration_seconds Time from a request's head to its answer.")
        lines.append("# TYPE ltc_http_request_duration_seconds histogram")
        for (operation, latency) in state.latency.sorted(by: { $0.key < $1.key }) {
            let label = Self.label(operation)
            for (index, bound) in Self.buckets.enumerated() {
                lines.append("ltc_http_request_duration_seconds_bucket{operation=\"\(label)\",le=\"\(bound)\"} \(latency.counts[index])")
            }
            lines.append("ltc_http_request_duration_seconds_bucket{operation=\"\(label)\",le=\"+Inf\"} \(latency.count)")
            lines.append("ltc_http_request_duration_seconds_sum{operation=\"\(label)\"} \(latency.sum)")
            lines.append("ltc_http_request_duration_seconds_count{operation=\"\(label)\"} \(latency.count)")
        }
        lines += [
            "# HELP ltc_log_submissions_total Submissions of service logs stored.", "# TYPE ltc_log_submissions_total counter",
            "ltc_log_submissions_total \(state.submissions)",
            "# HELP ltc_logs_accepted_total Service logs accepted.", "# TYPE ltc_logs_accepted_total counter", "ltc_logs_accepted_total \(state.accepted)",
            "# HELP ltc_logs_rejected_total Service logs rejected.", "# TYPE ltc_logs_rejected_total counter", "ltc_logs_rejected_total \(state.rejected)",
            "# HELP ltc_db_pool_size Workers, each with one database connection.", "# TYPE ltc_db_pool_size gauge", "ltc_db_pool_size \(pool.size)",
            "# HELP ltc_db_pool_busy Workers running a request now.", "# TYPE ltc_db_pool_busy gauge", "ltc_db_pool_busy \(pool.busy)",
            "# HELP ltc_db_pool_queued Requests waiting for a worker.", "# TYPE ltc_db_pool_queued gauge", "ltc_db_pool_queued \(pool.queued)",
            "# HELP ltc_db_pool_queue_capacity Requests that may wait at once.", "# TYPE ltc_db_pool_queue_capacity gauge", "ltc_db_pool_queue_capacity \(pool.capacity)",
            "# HELP ltc_http_connections Open connections.", "# TYPE ltc_http_connections gauge", "ltc_http_connections \(connections)",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    private static func label(_ text: String) -> String {
        String(text.filter { $0.isASCII && ($0.isLetter || $0.isNumber || "._/{}-".contains($0)) })
    }
}
