import Foundation
import LTCCore

/// The forms an ltc run can use: the instruments built into the binary from
/// the package's `AssessmentForms/` folder, plus every `*.json` form in each
/// extra folder the user names (`--forms DIR`).
///
/// ```swift
/// let catalog = try FormCatalog.load(directories: ["/etc/ltc/forms"])
/// catalog.forms.map(\.id)            // ["barthel", "cn-ltc-2021", …]
/// let form = try catalog.form(id: "cn-ltc-2021")
/// ```
///
/// Loading validates every file and refuses the whole catalog if any file is
/// wrong, naming each bad file; two files may not define the same form id.
public struct FormCatalog: Sendable {
    /// The forms, sorted by id.
    public let forms: [AssessmentForm]
    private let positions: [String: Int]

    public init(forms: [AssessmentForm]) {
        self.forms = forms.sorted { $0.id < $1.id }
        positions = Dictionary(self.forms.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { first, _ in first })
    }

    /// Loads the built-in forms and the forms in `directories`.
    public static func load(directories: [String] = []) throws(FormCatalogError) -> FormCatalog {
        var files: [(source: String, text: [UInt8])] = []
        var failures: [FormFileError] = []
        for file in embeddedFormFiles {
            let source = "AssessmentForms/\(file.name) (built in)"
            guard let data = Data(base64Encoded: file.base64) else {
                failures.append(FormFileError(file: source, problems: [JSONProblem(path: .root, message: "the embedded copy is damaged; rebuild ltc")]))
                continue
            }
            files.append((source, Array(data)))
        }
        for directory in directories {
            do {
                files += try formFiles(in: directory)
            } catch {
                failures.append(error)
            }
        }

        var forms: [AssessmentForm] = []
        var definedBy: [String: String] = [:]
        for file in files {
            do {
                let form = try AssessmentForm.decode(text: file.text, source: file.source)
                if let first = definedBy[form.id] {
                    failures.append(FormFileError(file: file.source, problems: [
                        JSONProblem(path: .root.appending("id"), message: "form id '\(form.id)' is already defined by \(first)"),
                    ]))
                    continue
                }
                definedBy[form.id] = file.source
                forms.append(form)
            } catch {
                failures.append(error)
            }
        }
        failures += derivationProblems(forms, definedBy: definedBy)
        guard failures.isEmpty else { throw FormCatalogError(files: failures) }
        return FormCatalog(forms: forms)
    }

    /// Derived items (``Derivation``) must name a form of the catalog and one of its option items.
    private static func derivationProblems(_ forms: [AssessmentForm], definedBy: [String: String]) -> [FormFileError] {
        let byID = Dictionary(forms.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return forms.compactMap { form -> FormFileError? in
            let problems = form.items.enumerated().compactMap { index, item -> JSONProblem? in
                guard let rule = item.derivation else { return nil }
                let path = JSONPath.root.appending("items").appending(index).appending("derive")
                guard let source = byID[rule.form], source.id != form.id else {
                    return JSONProblem(path: path.appending("form"), message: "'\(rule.form)' is not another form of the catalog; the forms: \(byID.keys.sorted().joined(separator: ", "))")
                }
                guard let sourceItem = source.item(rule.item), !sourceItem.options.isEmpty else {
                    return JSONProblem(path: path.appending("item"), message: "'\(rule.item)' is not an item of \(rule.form) answered by an option")
                }
                guard sourceItem.options.contains(where: { $0.score <= rule.atMost }) else {
                    return JSONProblem(path: path.appending("atMost"), message: "\(rule.atMost) is below every score of \(rule.item) (\(sourceItem.options.map { String($0.score) }.joined(separator: ", ")))")
                }
                return nil
            }
            return problems.isEmpty ? nil : FormFileError(file: definedBy[form.id] ?? form.id, problems: problems)
        }
    }

    /// The `*.json` files of one folder (not its subfolders), sorted by name.
    private static func formFiles(in directory: String) throws(FormFileError) -> [(source: String, text: [UInt8])] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw FormFileError(file: directory, problems: [JSONProblem(path: .root, message: "no such folder of forms")])
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw FormFileError(file: directory, problems: [JSONProblem(path: .root, message: "cannot read the folder: \(error.localizedDescription)")])
        }
        var files: [(String, [UInt8])] = []
        for name in names.sorted() where name.hasSuffix(".json") {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw FormFileError(file: path, problems: [JSONProblem(path: .root, message: "cannot read the file")])
            }
            files.append((path, Array(data)))
        }
        return files
    }

    /// The form with `id`, or an error listing the forms there are.
    public func form(id: String) throws(FormNotFound) -> AssessmentForm {
        guard let position = positions[id] else {
            throw FormNotFound(formID: id, available: forms.map(\.id))
        }
        return forms[position]
    }
}
