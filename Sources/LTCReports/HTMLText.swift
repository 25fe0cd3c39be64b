/// Text put into an HTML page, with `&`, `<`, `>` and `"` escaped, so that no
/// stored name can add markup to a report or a letter.
func htmlEscaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
}
