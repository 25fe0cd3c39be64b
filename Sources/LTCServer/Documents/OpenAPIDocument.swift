import LTCCore
import LTCOperations
import LTCProtocol

/// The HTTP interface as an OpenAPI 3.1 document, generated from the
/// catalogue as the OpenRPC document is: one path per operation
/// (`POST /api/{method}`, its params the request body's JSON Schema, its
/// result the 200's), the resource routes, and the statuses each may answer
/// with the error object they carry. `GET /openapi.json` serves it; a
/// client, or schemathesis, tests the server against it.
public enum OpenAPIDocument {
    /// The statuses an operation may answer besides 200, each with the error object.
    static let operationStatuses = [400, 401, 403, 404, 409, 413, 422, 429, 503]

    public static func make(_ catalogue: OperationCatalogue) -> JSONValue {
        var paths = JSONObject()
        for entry in catalogue.entries {
            paths.set("/api/\(entry.name)", ["post": .object(operation(entry))])
        }
        paths.set("/rpc", ["post": .object(rpc)])
        if let submit = catalogue.entry(named: SubmitLogs.name) { paths.set("/logs", ["post": .object(logs(submit))]) }
        if let statement = catalogue.entry(named: GetSettlement.name) { paths.set("/statements/{month}", ["get": .object(statements(statement))]) }
        if let evidence = catalogue.entry(named: AttachEvidence.name) { paths.set("/cases/{id}/evidence", ["post": .object(evidenceUpload(evidence))]) }
        paths.set("/healthz", ["get": .object(probe("The process is up.", json: ["status": .string(maxLength: 16)]))])
        paths.set("/readyz", ["get": .object(probe("The database is reachable and its migrations are current (else 503).", json: ["status": .string(maxLength: 16)], statuses: [503]))])
        paths.set("/metrics", ["get": .object(text("Prometheus text: requests by operation and status, latency, submissions, logs, pool use.", type: "text/plain"))])
        paths.set("/openapi.json", ["get": .object(text("This document.", type: "application/json"))])
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "ltc",
                "version": .string("\(RPCServer.protocolVersion)"),
                "description": "Long-term care insurance over HTTP: every operation of the catalogue at POST /api/{method}, JSON-RPC 2.0 at POST /rpc, and resource routes for log files, statements and evidence. Every request but the probes carries Authorization: Bearer TOKEN (a token ltc credential issue printed) and acts as that credential's actor; where the server asks for client certificates, a certificate its authority signed may stand for the token, acting as the credential its subject is mapped to. See docs/deploy.md and docs/protocol.md.",
            ],
            "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
            "security": [["bearer": []]],
            "paths": .object(paths),
            "components": [
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
                "schemas": ["Error": .object(errorSchema.json)],
            ],
        ]
    }

    /// `{"error": {code, message, data?}}`: the JSON-RPC error object the same failure gets over `/rpc`.
    static let errorSchema = JSONSchema.object([
        "error": .object(["code": .integer(), "message": .string(), "data": .openObject()], required: ["code", "message"]),
    ], required: ["error"])

    static func errors(_ statuses: [Int]) -> [JSONObject.Member] {
        statuses.map { status in
            JSONObject.Member(String(status), [
                "description": .string(description(status)),
                "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]],
            ])
        }
    }

    static func operation(_ entry: CatalogueEntry) -> JSONObject {
        var responses = JSONObject()
        responses.set("200", ["description": .string(entry.result), "content": ["application/json": ["schema": .object(entry.resultSchema.json)]]])
        for member in errors(operationStatuses) { responses.set(member.key, member.value) }
        var object: JSONObject = [
            "operationId": .string(entry.name),
            "summary": .string(entry.summary),
            "requestBody": ["required": .bool(entry.params.contains(where: \.required)), "content": ["application/json": ["schema": .object(entry.paramsSchema.json)]]],
            "responses": .object(responses),
            "x-access": entry.access.json,
            "x-effect": .string(entry.effect.rawValue),
        ]
        if !entry.discussion.isEmpty { object.set("description", .string(entry.discussion)) }
        return object
    }

    static var rpc: JSONObject {
        var responses = JSONObject()
        responses.set("200", ["description": "The response, or the batch's responses; a refusal is a JSON-RPC error (1012) in a 200.",
                              "content": ["application/json": ["schema": ["type": ["object", "array"]]]]])
        responses.set("204", ["description": "The body held only notifications."])
        for member in errors([400, 401, 413, 429, 503]) { responses.set(member.key, member.value) }
        return [
            "operationId": "rpc",
            "summary": "JSON-RPC 2.0, a request or a batch, answered as ltc rpc answers it, acting as the credential's actor.",
            "requestBody": ["required": true, "content": ["application/json": ["schema": ["type": ["object", "array"]]]]],
            "responses": .object(responses),
        ]
    }

    static func logs(_ entry: CatalogueEntry) -> JSONObject {
        var responses = JSONObject()
        responses.set("200", ["description": "The submission report.", "content": ["application/json": ["schema": .object(entry.resultSchema.json)]]])
        for member in errors([400, 401, 403, 413, 422, 429, 503]) { responses.set(member.key, member.value) }
        return [
            "operationId": "logs.upload",
            "summary": "Submit service logs: the CSV (with its header) or JSON Lines file as the body, streamed to disk, then checked and stored in one transaction (logs.submit). Sending the same file again stores nothing twice.",
            "requestBody": ["required": true, "content": [
                "text/csv": ["schema": ["type": "string"]],
                "application/x-ndjson": ["schema": ["type": "string"]],
            ]],
            "responses": .object(responses),
        ]
    }

    static func statements(_ entry: CatalogueEntry) -> JSONObject {
        var responses = JSONObject()
        responses.set("200", ["description": "The caller's statements of the month (an institution its own).", "content": [
            "application/json": ["schema": .object(entry.resultSchema.json)],
            "text/csv": ["schema": ["type": "string"]],
        ]])
        for member in errors([400, 401, 403, 404, 406, 422, 429, 503]) { responses.set(member.key, member.value) }
        return [
            "operationId": "statements.get",
            "summary": "A settled month's statements, as JSON or, with Accept: text/csv, CSV (settlement.get).",
            "parameters": [["name": "month", "in": "path", "required": true, "schema": ["type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"]]],
            "responses": .object(responses),
        ]
    }

    static func evidenceUpload(_ entry: CatalogueEntry) -> JSONObject {
        var responses = JSONObject()
        responses.set("201", ["description": "The evidence kept.", "content": ["application/json": ["schema": .object(entry.resultSchema.json)]]])
        for member in errors([400, 401, 403, 404, 409, 413, 422, 429, 503]) { responses.set(member.key, member.value) }
        return [
            "operationId": "evidence.upload",
            "summary": "Attach a photo, video or signature to the case's latest visit: its bytes as the body, kept by their SHA-256 (case.evidence).",
            "parameters": [
                ["name": "id", "in": "path", "required": true, "schema": ["type": "integer", "minimum": 1]],
                ["name": "kind", "in": "query", "required": true, "schema": ["type": "string", "enum": ["photo", "video", "signature"]]],
                ["name": "name", "in": "query", "required": false, "schema": ["type": "string", "maxLength": 200]],
            ],
            "requestBody": ["required": true, "content": ["application/octet-stream": ["schema": ["type": "string", "format": "binary"]]]],
            "responses": .object(responses),
        ]
    }

    static func probe(_ summary: String, json members: KeyValuePairs<String, JSONSchema>, statuses: [Int] = []) -> JSONObject {
        var responses = JSONObject()
        responses.set("200", ["description": .string(summary), "content": ["application/json": ["schema": .object(JSONSchema.object(members, required: ["status"]).json)]]])
        for member in errors(statuses) { responses.set(member.key, member.value) }
        return ["summary": .string(summary), "security": [], "responses": .object(responses)]
    }

    static func text(_ summary: String, type: String) -> JSONObject {
        ["summary": .string(summary), "security": [], "responses": ["200": ["description": .string(summary), "content": .object(JSONObject([JSONObject.Member(type, ["schema": [:]])]))]]]
    }

    static func description(_ status: Int) -> String {
        switch status {
        case 400: "The request is malformed (params of the wrong shape, not JSON)."
        case 401: "No valid bearer credential (missing, unknown, expired or revoked: never which)."
        case 403: "The credential's actor may not do this, or the body names another actor."
        case 404: "No such record, method or route."
        case 406: "Neither JSON nor CSV is acceptable."
        case 409: "The record's state does not allow it, or it exists already."
        case 413: "The body is larger than the limit."
        case 422: "A value is not accepted."
        case 429: "Too many requests for this credential; see Retry-After."
        case 503: "The server is overloaded, stopping, or its database is unavailable; see Retry-After."
        default: "An error."
        }
    }
}
