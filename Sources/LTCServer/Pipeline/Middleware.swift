/// A step every request on a worker passes through before its route: what
/// is the same for every route (who sent it, whether they may send more).
/// Each either answers the request itself (a refusal) or hands it on,
/// perhaps changed, to `next`.
///
/// ```swift
/// struct Refuse: Middleware {
///     func respond(to request: ServerRequest, on worker: Worker, next: Next) -> ServerResponse {
///         request.path.hasPrefix("/private") ? .refusal(403, "no", operation: "-") : next(request)
///     }
/// }
/// ```
public protocol Middleware: Sendable {
    typealias Next = (ServerRequest) -> ServerResponse
    func respond(to request: ServerRequest, on worker: Worker, next: Next) -> ServerResponse
}

/// Middleware in order, then a last step (a route, or the admission of an upload).
public struct MiddlewareChain: Sendable {
    public let middleware: [any Middleware]

    public init(_ middleware: [any Middleware]) {
        self.middleware = middleware
    }

    public func respond(to request: ServerRequest, on worker: Worker, last: (ServerRequest) -> ServerResponse) -> ServerResponse {
        func step(_ index: Int, _ request: ServerRequest) -> ServerResponse {
            guard index < middleware.count else {
                var response = last(request)
                response.credentialID = request.credential?.id
                return response
            }
            return middleware[index].respond(to: request, on: worker) { step(index + 1, $0) }
        }
        return step(0, request)
    }
}
