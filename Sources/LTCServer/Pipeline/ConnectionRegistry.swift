import NIOCore
import Synchronization

/// The server's open connections: at most ``limit`` at once, which of them
/// are between requests, and whether the server is stopping. A stopping
/// server closes the idle ones at once and each busy one after its answer.
public final class ConnectionRegistry: Sendable {
    public let limit: Int
    private struct State {
        var channels: [ObjectIdentifier: (channel: any Channel, busy: Bool)] = [:]
        var draining = false
    }

    private let state = Mutex(State())

    public init(limit: Int) {
        self.limit = limit
    }

    /// Counts `channel` in; `false` (leave it uncounted, close it) at the limit or while stopping.
    public func admit(_ channel: any Channel) -> Bool {
        state.withLock { state in
            guard !state.draining, state.channels.count < limit else { return false }
            state.channels[ObjectIdentifier(channel)] = (channel, false)
            return true
        }
    }

    public func remove(_ channel: any Channel) {
        state.withLock { _ = $0.channels.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    /// Marks `channel` in a request, or between requests.
    public func setBusy(_ channel: any Channel, _ busy: Bool) {
        state.withLock { state in
            guard state.channels[ObjectIdentifier(channel)] != nil else { return }
            state.channels[ObjectIdentifier(channel)]?.busy = busy
        }
    }

    public var count: Int { state.withLock { $0.channels.count } }
    /// Connections in a request now.
    public var busy: Int { state.withLock { $0.channels.values.filter(\.busy).count } }
    public var isDraining: Bool { state.withLock { $0.draining } }

    /// The server stops: no new connection, the idle ones closed now.
    public func drain() {
        let idle = state.withLock { state -> [any Channel] in
            state.draining = true
            return state.channels.values.filter { !$0.busy }.map(\.channel)
        }
        for channel in idle { channel.close(promise: nil) }
    }

    /// Closes every connection left (after the wait for requests in flight).
    public func closeAll() {
        let all = state.withLock { $0.channels.values.map(\.channel) }
        for channel in all { channel.close(promise: nil) }
    }
}
