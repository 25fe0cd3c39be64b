#if LTC_FUZZING
import Foundation

/// The target named by `LTC_FUZZ_TARGET`, chosen once before fuzzing starts.
nonisolated(unsafe) private var target: FuzzTarget = .json

typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

/// libFuzzer's driver, for a program that has its own `main` (SwiftPM names
/// an executable's entry point `ltc_fuzz_main`).
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
               _ test: TestOneInput) -> CInt

@_cdecl("ltc_fuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    let name = ProcessInfo.processInfo.environment["LTC_FUZZ_TARGET"] ?? ""
    guard let chosen = FuzzTarget(rawValue: name) else {
        FileHandle.standardError.write(Data("set LTC_FUZZ_TARGET to one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
        return 64
    }
    target = chosen
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments) { data, size in
        target.run(size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
        return 0
    }
}
#endif
