import LTCCore

/// Reads a request's JSON params into a ``Params`` input: the one reader
/// behind JSON-RPC, the command line (whose arguments become the same JSON)
/// and HTTP.
///
/// It finds every problem before it builds anything: members the input
/// does not declare, required params left out, values of the wrong type,
/// values that are not accepted. Only a request with none becomes an input.
public enum ParamsReader {
    /// The input `object` holds; throws ``ParamsError`` with every problem.
    ///
    /// - Parameter attachments: values given apart from the JSON (a file on
    ///   the command line, an upload), by param name.
    public static func read<Input: Params>(_ type: Input.Type, from object: JSONObject,
                                           attachments: [String: Attachment] = [:]) throws(ParamsError) -> Input {
        try read(type, from: object, attachments: attachments, layout: ParamsLayout.of(type))
    }

    /// As ``read(_:from:attachments:)``, with the layout its caller keeps (a
    /// catalogue entry keeps its own, so that workers share nothing).
    static func read<Input: Params>(_ type: Input.Type, from object: JSONObject, attachments: [String: Attachment],
                                    layout: ParamsLayout) throws(ParamsError) -> Input {
        do {
            return try read(type, object, attachments: attachments, layout: layout)
        } catch {
            throw ParamsError(problems: error.list)
        }
    }

    static func read<Input: Params>(_ type: Input.Type, _ object: JSONObject, attachments: [String: Attachment] = [:],
                                    layout: ParamsLayout? = nil) throws(ParamProblems) -> Input {
        let layout = layout ?? ParamsLayout.of(type)
        var problems: [ParamProblem] = []
        for member in object where !layout.names.contains(member.key) {
            let list = layout.names.isEmpty ? "this method takes no parameters" : "accepted: \(layout.names.joined(separator: ", "))"
            problems.append(ParamProblem(param: member.key, .unknown, "unknown parameter; \(list)"))
        }
        for name in attachments.keys where !layout.specs.contains(where: { $0.name == name && $0.attachable }) {
            problems.append(ParamProblem(param: name, .unknown, "this operation takes no file for \(name)"))
        }
        var values: [any Sendable] = []
        values.reserveCapacity(layout.specs.count)
        for spec in layout.specs {
            do throws(ParamProblems) {
                values.append(try spec.read(object[spec.name], attachments.isEmpty ? nil : attachments[spec.name]))
            } catch {
                problems += error.within(spec.name).list
            }
        }
        guard problems.isEmpty else { throw ParamProblems(problems) }
        return ParamsFrame.build(type, values: values)
    }
}
