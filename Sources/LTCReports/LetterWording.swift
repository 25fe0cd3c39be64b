/// The English explanation of a grade as a letter's reader reads it: the
/// scoring explains with the form's ids (`adl.walking 5/15 (−10)`, which an
/// assessor checks against the form), the letter with the names of the items
/// and dimensions (`walking 5/15 (−10)`), as its Chinese lines already do.
///
/// ```swift
/// LetterWording(names: ["adl": "activities of daily living", "adl.walking": "walking"])
///     .english("adl lowered by: adl.walking 5/15 (−10).")   // "activities of daily living lowered by: walking 5/15 (−10)."
/// ```
public struct LetterWording: Sendable {
    /// Item and dimension ids → their English names.
    public let names: [String: String]

    public init(names: [String: String]) {
        self.names = names
    }

    /// `line` with every id of ``names`` that stands as a word of its own
    /// replaced by its name; `id (name)`, as the scoring writes a dimension
    /// whose name is not its id, becomes the name alone.
    public func english(_ line: String) -> String {
        var text = line
        for (id, name) in names { text = text.replacingAll("\(id) (\(name))", with: name) }
        var out = "", word = ""
        func flush() {
            // A word ends with the sentence's full stop, which is not part of an id.
            let trailing = word.hasSuffix(".") ? "." : ""
            let core = trailing.isEmpty ? word : String(word.dropLast())
            out += (names[core].map { $0 + trailing }) ?? word
            word = ""
        }
        for character in text {
            if character.isLetter || character.isNumber || character == "." || character == "_" || character == "-" {
                word.append(character)
            } else {
                flush()
                out.append(character)
            }
        }
        flush()
        return out
    }
}

extension String {
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        return components(separatedBy: target).joined(separator: replacement)
    }
}
