import LTCCore
import NIOCore
import NIOHTTP1
import NIOSSL

/// One connection's requests, on its event loop: reads each request (the
/// body into memory up to the body limit, or an upload into a temporary
/// file once its credential is admitted), hands the work to the
/// ``WorkerPool``, and writes the answer when the worker completes it. It
/// never waits, and runs no operation that reads the store: the event loop
/// goes on serving other connections meanwhile. (One that reads nothing
/// stored, from a credential verified a moment ago, it answers itself:
/// ``ServerContext/answerWithoutStore(_:)``.) SwiftNIO's pipelining handler before it holds a
/// connection's next request until this one is answered.
///
/// A request goes:
/// 1. head: the route, the limits (URI, `Content-Length`), a deadline for
///    the whole request (set once a read ends with the request unfinished); an upload's credential and rate are checked now, on
///    a worker, and the body waits unread (backpressure) until then;
/// 2. body: in memory, or appended to the upload's file; past its limit 413;
/// 3. end: probes and compute-only operations are answered here; the rest is a job on the pool (full:
///    503 with `Retry-After`), which runs the middleware and the route;
/// 4. the answer written, with `X-Request-Id`; the access log and the
///    metrics told; the connection kept alive unless the server is stopping.
final class HTTPHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let server: ServerContext

    private enum Body {
        case memory(ByteBuffer)
        /// Parts that came before the upload was admitted.
        case waiting([ByteBuffer])
        case file(SpooledBody)
        /// Answered already (a refusal); the rest is read and dropped.
        case dropped
    }

    private struct Current {
        var request: ServerRequest
        var keepAlive: Bool
        var version: HTTPVersion
        var started: Double
        var body: Body
        var received = 0
        var ended = false
        var deadline: Scheduled<Void>?
        var admitted: Credential?
        /// A web upload's session, admitted with it.
        var admittedSession: WebSession?
        /// A job runs for it (the job owns the upload's file now).
        var submitted = false
    }

    private var current: Current?
    private var paused = false
    private var pendingRead = false
    private var requestNumber = 0
    /// The verified client certificate's subject, read once per connection (`nil` inside: none).
    private var clientSubject: String??
    /// A flush of answers written is due at the end of this turn of the event loop.
    private var flushScheduled = false

    init(server: ServerContext) {
        self.server = server
    }

    // MARK: Reading

    func read(context: ChannelHandlerContext) {
        if paused { pendingRead = true } else { context.read() }
    }

    private func resume(_ context: ChannelHandlerContext) {
        paused = false
        if pendingRead {
            pendingRead = false
            context.read()
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): begin(head, context)
        case .body(let buffer): receive(buffer, context)
        case .end: end(context)
        }
    }

    private func begin(_ head: HTTPRequestHead, _ context: ChannelHandlerContext) {
        requestNumber += 1
        server.connections.setBusy(context.channel, true)
        let uri = head.uri
        let parts = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts.first ?? "")
        let route = Router.route(head.method, path)
        let request = ServerRequest(id: server.requestID(head.headers["X-Request-Id"].first), method: head.method, path: path,
                                    query: parts.count > 1 ? ServerRequest.query(parts[1]) : [:], headers: head.headers, route: route,
                                    clientSubject: subject(context))
        current = Current(request: request, keepAlive: head.isKeepAlive, version: head.version, started: server.clock.seconds(),
                          body: .memory(context.channel.allocator.buffer(capacity: 0)))
        let limit = route.isUpload ? server.limits.uploadBytes : server.limits.bodyBytes
        if uri.utf8.count > server.limits.uriBytes {
            return refuse(.refusal(414, "the target is longer than \(server.limits.uriBytes) bytes", operation: "-"), context, close: true)
        }
        // A length too large for an Int (2^63 and more) is larger than any limit too, not no length at all.
        if let declared = head.headers["Content-Length"].first, !declared.isEmpty, declared.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
           Int(declared).map({ $0 > limit }) ?? true {
            return refuse(.refusal(413, "the body is larger than \(limit) bytes", operation: route.template), context, close: true)
        }
        guard route.isUpload else { return }
        // An upload's credential and rate are checked before its body is read.
        current?.body = .waiting([])
        paused = true
        let chain = server.chain
        submit(context) { worker in
            chain.respond(to: request, on: worker) { admitted in
                if admitted.route.usesSession && (admitted.credential == nil || admitted.session == nil) { return WebPages.signInFirst() }
                var response = ServerResponse(status: 100, operation: route.template)
                response.admitted = admitted.credential
                response.admittedSession = admitted.session
                return response
            }
        } then: { [weak self] response, context in
            self?.admitted(response, context)
        }
    }

    /// After what was read in one go: a request not read whole by now gets its
    /// deadline (``ServerLimits/requestSeconds``). One that came whole in a
    /// read, as nearly all do, never needs a timer.
    func channelReadComplete(context: ChannelHandlerContext) {
        if let current, !current.ended, current.deadline == nil {
            let deadlineSeconds = server.limits.requestSeconds, route = current.request.route
            self.current?.deadline = context.eventLoop.assumeIsolated().scheduleTask(in: .seconds(deadlineSeconds)) { [weak self] in
                guard let self, let current = self.current, !current.ended else { return }
                self.refuse(.refusal(408, "the request took longer than \(deadlineSeconds) s to arrive", operation: route.template), context, close: true)
            }
        }
        context.fireChannelReadComplete()
    }

    /// The subject of the certificate the client presented and the TLS handshake verified (done before any request arrives).
    private func subject(_ context: ChannelHandlerContext) -> String? {
        if let clientSubject { return clientSubject }
        let certificate = try? context.pipeline.syncOperations.handler(type: NIOSSLServerHandler.self).peerCertificate
        let found = (try? certificate?.toDERBytes()).flatMap { CertificateSubject.rfc4514(der: $0) }
        clientSubject = .some(found)
        return found
    }

    private func admitted(_ response: ServerResponse, _ context: ChannelHandlerContext) {
        guard var current, case .waiting(let parts) = current.body else { return }
        guard response.status == 100, let credential = response.admitted else {
            return refuse(response, context, close: true)
        }
        do {
            var file = try SpooledBody.create(in: server.spoolFolder)
            for part in parts { try part.withUnsafeReadableBytes { try file.append($0) } }
            current.body = .file(file)
            current.admitted = credential
            current.admittedSession = response.admittedSession
            self.current = current
        } catch {
            return refuse(.failure(error, operation: current.request.route.template), context, close: true)
        }
        resume(context)
        if current.ended { finishUpload(context) }
    }

    private func receive(_ buffer: ByteBuffer, _ context: ChannelHandlerContext) {
        guard var current else { return }
        current.received += buffer.readableBytes
        let limit = current.request.route.isUpload ? server.limits.uploadBytes : server.limits.bodyBytes
        if current.received > limit, !isDropped(current.body) {
            self.current = current
            return refuse(.refusal(413, "the body is larger than \(limit) bytes", operation: current.request.route.template), context, close: true)
        }
        switch current.body {
        case .memory(var memory):
            current.body = .dropped   // let go of the buffer's other reference while appending
            var part = buffer
            memory.writeBuffer(&part)
            current.body = .memory(memory)
        case .waiting(let parts):
            current.body = .waiting(parts + [buffer])
        case .file(var file):
            do {
                try buffer.withUnsafeReadableBytes { try file.append($0) }
                current.body = .file(file)
            } catch {
                self.current = current
                return refuse(.failure(error, operation: current.request.route.template), context, close: true)
            }
        case .dropped:
            break
        }
        self.current = current
    }

    private func isDropped(_ body: Body) -> Bool {
        if case .dropped = body { return true }
        return false
    }

    private func end(_ context: ChannelHandlerContext) {
        guard var current else { return }
        current.ended = true
        current.deadline?.cancel()
        self.current = current
        switch current.body {
        case .dropped:
            // Answered already: the connection closes once the answer is written.
            return
        case .waiting:
            return   // finished once admitted
        case .file:
            return finishUpload(context)
        case .memory(let memory):
            var request = current.request
            request.body = .bytes(memory.getBytes(at: memory.readerIndex, length: memory.readableBytes) ?? [])
            if let answer = server.answerOnLoop(request) ?? server.answerWithoutStore(request) { return respond(answer, context) }
            let chain = server.chain, routes = server.routes, sent = request
            submit(context) { worker in
                chain.respond(to: sent, on: worker) { routes.respond($0, worker) }
            } then: { [weak self] response, context in
                self?.respond(response, context)
            }
        }
    }

    private func finishUpload(_ context: ChannelHandlerContext) {
        guard var current, case .file(let file) = current.body, let credential = current.admitted else { return }
        var request = current.request
        request.body = .spooled(file)
        request.credential = credential
        request.session = current.admittedSession
        current.submitted = true
        self.current = current
        let routes = server.routes, sent = request
        submit(context, owning: file) { worker in
            defer { file.close() }
            var response = routes.respond(sent, worker)
            response.credentialID = credential.id
            return response
        } then: { [weak self] response, context in
            self?.respond(response, context)
        }
    }

    /// Runs `work` on the pool and `then` on this event loop with its answer;
    /// a full queue is answered 503 at once.
    private func submit(_ context: ChannelHandlerContext, owning file: SpooledBody? = nil, _ work: @escaping @Sendable (Worker) -> ServerResponse,
                        then: @escaping (ServerResponse, ChannelHandlerContext) -> Void) {
        let promise = context.eventLoop.makePromise(of: ServerResponse.self)
        let number = requestNumber
        promise.futureResult.assumeIsolated().whenSuccess { [weak self] response in
            guard let self, self.requestNumber == number, self.current != nil else { return }
            then(response, context)
        }
        guard server.pool.submit(WorkerPool.Job(promise: promise, work)) else {
            file?.close()
            promise.succeed(.refusal(503, "the server is busy: every worker is taken and the queue is full; try again", operation: current?.request.route.template ?? "-",
                                     headers: [("Retry-After", "1")]))
            return
        }
    }

    // MARK: Answering

    /// Answers before the request has been read whole: the connection closes after.
    private func refuse(_ response: ServerResponse, _ context: ChannelHandlerContext, close: Bool) {
        guard var current else { return }
        if case .file(let file) = current.body, !current.submitted { file.close() }
        current.body = .dropped
        current.keepAlive = current.keepAlive && !close
        self.current = current
        respond(response, context, forceClose: close)
        // Read and drop the rest, so that the answer is not lost to a reset.
        resume(context)
    }

    private func respond(_ response: ServerResponse, _ context: ChannelHandlerContext, forceClose: Bool = false) {
        guard let current else { return }
        current.deadline?.cancel()
        let close = forceClose || !current.keepAlive || server.connections.isDraining
        var headers = HTTPHeaders()
        for (name, value) in response.headers { headers.add(name: name, value: value) }
        // Whatever answers a web path carries the pages' security headers, the server's own
        // refusals too (405, 408, 413, 414, 503), not only what ``WebPages`` renders.
        if WebView.isWebPath(current.request.path), !headers.contains(name: "Content-Security-Policy") {
            for (name, value) in WebView.securityHeaders where !headers.contains(name: name) { headers.add(name: name, value: value) }
        }
        headers.replaceOrAdd(name: "Content-Length", value: String(response.body.count))
        headers.replaceOrAdd(name: "X-Request-Id", value: current.request.id)
        if close { headers.replaceOrAdd(name: "Connection", value: "close") }
        let head = HTTPResponseHead(version: current.version, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
        let seconds = server.clock.seconds() - current.started
        server.observe(current.request, response, bytes: current.received, seconds: seconds)
        // The request is done before its end is written: writing the end hands
        // this handler the connection's next pipelined request at once, from
        // inside the write (HTTPServerPipelineHandler), and that one is `current` then.
        self.current = nil
        requestNumber += 1
        server.connections.setBusy(context.channel, false)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if !response.body.isEmpty {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: response.body)))), promise: nil)
        }
        guard close else {
            // Answers to pipelined requests read together go out in one write: flushed once this turn of the loop is done.
            context.write(wrapOutboundOut(.end(nil)), promise: nil)
            return flushSoon(context)
        }
        let written = context.writeAndFlushPromise()
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
        written.futureResult.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }

    /// Flushes what was written, once, after whatever else this turn of the event loop does.
    private func flushSoon(_ context: ChannelHandlerContext) {
        guard !flushScheduled else { return }
        flushScheduled = true
        context.eventLoop.assumeIsolated().execute { [weak self] in
            self?.flushScheduled = false
            context.flush()
        }
    }

    // MARK: The connection

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent, current == nil {
            context.close(promise: nil)   // idle between requests for too long
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let current {
            current.deadline?.cancel()
            if case .file(let file) = current.body, !current.submitted { file.close() }
            self.current = nil
        }
        server.connections.remove(context.channel)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

extension ChannelHandlerContext {
    func writeAndFlushPromise() -> EventLoopPromise<Void> { eventLoop.makePromise() }
}
