import LTCOperations
import ArgumentParser
import LTCCases
import LTCCore

/// `ltc assessor add|list`: the assessor registry.
struct AssessorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assessor",
        abstract: "Register and list assessors.",
        subcommands: [Findings.self]
    )
}
