import Foundation
import LTCCore
import LTCProtocol
import Testing

/// Runs the loop over real pipes, feeding `chunks` one write at a time, and
/// returns the output lines and how the loop ended.
func runLoop(_ chunks: [[UInt8]]) throws -> (lines: [String], outcome: RPCLoop.Outcome) {
    let server = try makeServer()
    var inputPair: [Int32] = [0, 0]
    var outputPair: [Int32] = [0, 0]
    try #require(pipe(&inputPair) == 0 && pipe(&outputPair) == 0)
    let (inputRead, inputWrite) = (inputPair[0], inputPair[1])
    let (outputRead, outputWrite) = (outputPair[0], outputPair[1])
    let writer = Threads.start("test.writer") {
        for chunk in chunks {
            chunk.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count { offset += write(inputWrite, raw.baseAddress! + offset, raw.count - offset) }
            }
        }
        close(inputWrite)
    }
    let reader = Threads.start("test.reader") {
        var collected: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(outputRead, $0.baseAddress!, $0.count) }
            if count <= 0 { break }
            collected += buffer[0..<count]
        }
        return collected
    }
    let outcome = RPCLoop(server: server).run(input: inputRead, output: outputWrite)
    close(outputWrite)
    let collected = reader.join()
    writer.join()
    close(inputRead)
    close(outputRead)
    let text = String(decoding: collected, as: UTF8.self)
    return (text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init), outcome)
}

@Suite("The request loop over pipes")
struct RPCLoopTests {
    let list = #"{"jsonrpc":"2.0","id":1,"method":"forms.list"}"#

    @Test("A line split across many writes is answered once")
    func splitLine() throws {
        let bytes = Array((list + "\n").utf8)
        let (lines, outcome) = try runLoop(bytes.map { [$0] })
        #expect(outcome == .endOfInput)
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix(#"{"jsonrpc":"2.0","id":1,"result""#) == true)
    }

    @Test("CRLF line endings, blank lines and a last line without a newline")
    func lineEndings() throws {
        let text = list + "\r\n\r\n\n" + #"{"jsonrpc":"2.0","id":2,"method":"forms.list"}"#
        let (lines, outcome) = try runLoop([Array(text.utf8)])
        #expect(outcome == .endOfInput)
        #expect(lines.count == 2)
        #expect(lines.last?.hasPrefix(#"{"jsonrpc":"2.0","id":2,"#) == true)
    }

    @Test("Many requests in one write are answered in order")
    func order() throws {
        let text = (1...500).map { #"{"jsonrpc":"2.0","id":\#($0),"method":"forms.get","params":{"form":"barthel"}}"# }.joined(separator: "\n") + "\n"
        let (lines, _) = try runLoop([Array(text.utf8)])
        let ids = try lines.map { try JSONParser.parse($0)["id"]?.intValue }
        #expect(ids == (1...500).map { $0 })
    }

    @Test("A line over the limit is skipped with a parse error and the loop goes on")
    func overlongLine() throws {
        let huge = [UInt8](repeating: UInt8(ascii: "x"), count: RPCLoop.maximumLineLength + 10)
        let (lines, outcome) = try runLoop([huge, Array("\n\(list)\n".utf8)])
        #expect(outcome == .endOfInput)
        #expect(lines.count == 2)
        let first = try JSONParser.parse(lines[0])
        #expect(first["error"]?["code"] == -32700)
        #expect(first["error"]?["data"]?["length"] == .integer(RPCLoop.maximumLineLength + 10))
        #expect(try JSONParser.parse(lines[1])["id"] == 1)
    }
}
