import LTCCore
import Synchronization

/// What a ``Params`` struct's property wrappers do while it is built: in a
/// frame that describes, each ``Param`` declares its ``ParamSpec``; in a
/// frame that reads, each takes the next value read from the request. A
/// struct's stored properties are initialized in the order they are
/// declared, so the n-th param declared is the n-th spec and the n-th value,
/// groups included, with no reflection and no decoder.
///
/// The frame is a task-local value: each thread (an rpc worker) builds its
/// inputs in frames of its own, and a frame inside another (an object param
/// read while its operation's input is) is its own.
final class ParamsFrame: Sendable {
    enum Purpose: Sendable {
        case describing
        /// Reading these values, one per param in declaration order.
        case reading([any Sendable])
    }

    let purpose: Purpose
    private let state = Mutex<State>(State())

    private struct State {
        var specs: [ParamSpec] = []
        var next = 0
    }

    @TaskLocal static var current: ParamsFrame?

    private init(_ purpose: Purpose) {
        self.purpose = purpose
    }

    /// The specs of `type`'s params, in declaration order, groups flattened.
    static func describe(_ type: any Params.Type) -> [ParamSpec] {
        let frame = ParamsFrame(.describing)
        $current.withValue(frame) { _ = type.init() }
        return frame.state.withLock { $0.specs }
    }

    /// A `Params` built with `values`, one per param in declaration order.
    static func build<Input: Params>(_ type: Input.Type, values: [any Sendable]) -> Input {
        $current.withValue(ParamsFrame(.reading(values))) { Input() }
    }

    var isDescribing: Bool {
        if case .describing = purpose { return true }
        return false
    }

    /// Declares the next param (describing).
    func declare(_ spec: ParamSpec) {
        state.withLock { $0.specs.append(spec) }
    }

    /// The next param's value (reading).
    func next<Value: Sendable>(_ type: Value.Type) -> Value? {
        guard case .reading(let values) = purpose else { return nil }
        let index = state.withLock { state in
            defer { state.next += 1 }
            return state.next
        }
        guard index < values.count else { return nil }
        return (values[index] as? ParamBox<Value>)?.value
    }
}
