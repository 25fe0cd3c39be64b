import Synchronization

/// A token bucket per credential: each holds up to `burst` requests and
/// refills at `rate` a second, so a credential averages `rate` requests a
/// second and may send `burst` at once. One more is refused 429 with
/// `Retry-After`, the seconds until the bucket holds a request again.
///
/// ```swift
/// let limiter = RateLimiter(rate: 50, burst: 100, clock: SystemMonotonicClock())
/// limiter.admit("c-i001")   // nil: go on; 1: retry after a second
/// ```
///
/// Buckets live in memory, in this process: a restart refills them. The
/// table is bounded: past `maximumBuckets` credentials, full buckets (those
/// idle long enough to have refilled) are dropped first.
public final class RateLimiter: Sendable {
    public let rate: Double
    public let burst: Double
    public let maximumBuckets: Int
    private let clock: any MonotonicClock
    private let buckets = Mutex<[String: Bucket]>([:])

    struct Bucket {
        var tokens: Double
        var updated: Double
    }

    /// - Parameter rate: requests a second; 0 admits everything.
    public init(rate: Double, burst: Double, clock: any MonotonicClock, maximumBuckets: Int = 100_000) {
        self.rate = rate
        self.burst = max(1, burst)
        self.clock = clock
        self.maximumBuckets = maximumBuckets
    }

    /// `nil` if `credential` may make `cost` requests now (and takes them
    /// from its bucket); else the whole seconds until it may. A cost above
    /// the bucket's size takes the whole bucket.
    public func admit(_ credential: String, cost: Double = 1) -> Int? {
        guard rate > 0 else { return nil }
        let cost = min(max(cost, 0), burst)
        let now = clock.seconds()
        return buckets.withLock { buckets in
            var bucket = buckets[credential] ?? Bucket(tokens: burst, updated: now)
            bucket.tokens = min(burst, bucket.tokens + (now - bucket.updated) * rate)
            bucket.updated = now
            defer {
                if buckets.count >= maximumBuckets && buckets[credential] == nil { Self.dropFull(&buckets, now: now, rate: rate, burst: burst) }
                buckets[credential] = bucket
            }
            guard bucket.tokens >= cost else { return max(1, Int(((cost - bucket.tokens) / rate).rounded(.up))) }
            bucket.tokens -= cost
            return nil
        }
    }

    private static func dropFull(_ buckets: inout [String: Bucket], now: Double, rate: Double, burst: Double) {
        buckets = buckets.filter { $0.value.tokens + (now - $0.value.updated) * rate < burst }
        if buckets.count >= 100_000 { buckets.removeAll() }
    }
}

/// Refuses a credential's request past its rate (``RateLimiter``) with 429 and `Retry-After`.
public struct RateLimit: Middleware {
    public let limiter: RateLimiter

    public init(_ limiter: RateLimiter) {
        self.limiter = limiter
    }

    public func respond(to request: ServerRequest, on worker: Worker, next: Next) -> ServerResponse {
        guard let credential = request.credential, let wait = limiter.admit(credential.id) else { return next(request) }
        var response = ServerResponse.refusal(429, "too many requests for this credential: at most \(limiter.rate) a second; try again in \(wait) s",
                                              operation: request.route.template, headers: [("Retry-After", String(wait))])
        response.credentialID = credential.id
        return response
    }
}
