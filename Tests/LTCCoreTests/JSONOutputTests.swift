import LTCCore
import Testing

@Suite("Writing JSON without a tree")
struct JSONOutputTests {
    @Test("Commas go between elements and members, never after the last")
    func commas() {
        var out = JSONOutput()
        out.beginObject()
        out.key("a"); out.value(1)
        out.key("b")
        out.beginArray()
        out.value("x"); out.value(true); out.null()
        out.beginObject(); out.endObject()
        out.beginArray(); out.endArray()
        out.endArray()
        out.key(string: "adl.eating"); out.value(10)
        out.endObject()
        #expect(out.text == #"{"a":1,"b":["x",true,null,{},[]],"adl.eating":10}"#)
    }

    @Test("Keys from data are escaped")
    func dynamicKeys() throws {
        var out = JSONOutput()
        out.beginObject()
        out.key(string: "say \"hi\"\n"); out.value(1)
        out.endObject()
        #expect(try JSONParser.parse(out.text)["say \"hi\"\n"] == 1)
    }

    @Test("Rewinding drops what was written since the mark and keeps the commas right")
    func rewind() {
        var out = JSONOutput()
        out.beginArray()
        out.value(1)
        let mark = out.mark
        out.beginObject()
        out.key("partial"); out.value("abandoned")
        out.rewind(to: mark)
        out.value(2)
        out.endArray()
        #expect(out.text == "[1,2]")
    }

    @Test("Indented output matches the tree writer's")
    func indented() throws {
        let value = try JSONParser.parse(#"{"a":[1,{"b":null}],"c":{},"d":[]}"#)
        var out = JSONOutput(style: .indented)
        out.value(value)
        #expect(out.text == "{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n  \"c\": {},\n  \"d\": []\n}")
        #expect(out.text == JSONWriter.string(value, style: .indented))
    }
}
