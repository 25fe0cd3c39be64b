#if !LTC_FUZZING
import Foundation

/// Without the fuzzer (a plain build): `ltc-fuzz TARGET FILE...` runs saved
/// inputs through a target, to reproduce a crash in the debugger;
/// `ltc-fuzz seed TARGET DIR` writes the inputs a fuzzing run starts from.
@main
struct Replay {
    static func main() throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "seed", arguments.count == 3, let target = FuzzTarget(rawValue: arguments[1]) {
            let seeds = try FuzzSeeds.inputs(for: target)
            try FileManager.default.createDirectory(atPath: arguments[2], withIntermediateDirectories: true)
            for (index, seed) in seeds.enumerated() {
                try Data(seed).write(to: URL(fileURLWithPath: "\(arguments[2])/seed-\(index)"))
            }
            print("\(seeds.count) seeds for \(target.rawValue) in \(arguments[2])")
            return
        }
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name), arguments.count > 1 else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
            FileHandle.standardError.write(Data("usage: ltc-fuzz \(names) FILE...   (replay inputs)\n       ltc-fuzz seed \(names) DIR   (write seed inputs)\n".utf8))
            exit(64)
        }
        for path in arguments.dropFirst() {
            target.run(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
            print("\(path): ok")
        }
    }
}
#endif
