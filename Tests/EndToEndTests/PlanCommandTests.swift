import LTCCore
import LTCTestSupport
import Testing

@Suite("ltc plan: care plans from the command line")
struct PlanCommandTests {
    let scratch = Scratch()

    @Test("Without --need, the needs not read off the assessment are asked; the summary shows all of them and the plan proposed")
    func walkedProposal() throws {
        let db = scratch.database("walk")
        _ = try ltc(["demo", "--db", db])
        let admin = ["--db", db, "--actor", "administrator:demo", "--as-of", "2026-05-01"]
        // pressure 0, tube 0, medication 1, back, medication 1 again, rehabilitation 1, carer 0; save.
        let run = try ltc(["plan", "propose", "3"] + admin, input: "0\n0\n1\nb\n1\n1\n0\ny\n")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("8 answers are read off the assessment; 5 are asked."))
        #expect(run.stderr.contains("needs.bathing  洗澡: 1 有需求 (read off the assessment)"))
        #expect(run.stdout.hasPrefix("case 3 plan v2 proposed: grade 4 in home-visit, care-need level 2"))
        #expect(run.stdout.contains("S02\t1 a week") && run.stdout.contains("S04\t1 a week"))

        let left = try ltc(["plan", "propose", "3"] + admin, input: "0\n0\n0\n0\n0\nn\n")
        #expect(left.stdout == "not saved: nothing was stored\n")
        let shown = try ltc(["plan", "show", "3", "--json"] + admin)
        let view = try JSONParser.parse(shown.stdout)
        #expect(view["inForce"]?["version"] == 1 && view["proposal"]?["version"] == 2 && view["review"]?["due"] == false)
        let show = try ltc(["case", "show", "3"] + admin).stdout
        #expect(show.contains("care plan:\ncase 3 plan v1 in-force from 2026-03-17, agreed by 李奶奶 on 2026-03-17"))
    }

    @Test("plan set says what it replaces: each item dropped, added or changed, never silently")
    func saysWhatItReplaces() throws {
        let db = scratch.database("replaces")
        _ = try ltc(["demo", "--db", db])
        let admin = ["--db", db, "--actor", "administrator:demo", "--as-of", "2026-07-03"]
        let set = try ltc(["plan", "set", "2", "--item", "S01=2", "--reason", "the exercise is paused"] + admin)
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout.contains("  replaces v1 (in-force): S01×2 S04×1 → S01×2; S04 dropped"), "\(set.stdout)")
        #expect(set.stdout.hasSuffix("waiting for the person's agreement (ltc plan confirm)\n"), "\(set.stdout)")
    }

    @Test("A plan given by hand beyond the package is refused with exit 65 and the rule; an institution not serving the person is told not found")
    func refusals() throws {
        let db = scratch.database("refusals")
        _ = try ltc(["demo", "--db", db])
        let over = try ltc(["plan", "set", "1", "--item", "S01=4", "--reason", "more", "--db", db, "--actor", "administrator:demo", "--as-of", "2026-05-01"])
        #expect(over.status == 65 && over.stderr.contains("the plan's 4 hours a week are beyond grade 3's 3 hours a week"))
        let stranger = try ltc(["plan", "show", "1", "--db", db, "--actor", "institution:I002"])
        #expect(stranger.status != 0 && stranger.stderr.contains("not found or not yours"))
        let bad = try ltc(["plan", "set", "1", "--item", "S01", "--reason", "x", "--db", db, "--actor", "administrator:demo"])
        #expect(bad.status == 64 || bad.status == 65)
        #expect(bad.stderr.contains("is not CODE=PER-WEEK"))
        let empty = try ltc(["plan", "set", "1", "--reason", "nothing", "--db", db, "--actor", "administrator:demo"])
        #expect(empty.status == 65 && empty.stderr.contains("a plan needs at least one item"))
        let twice = try ltc(["plan", "propose", "1", "--need", "needs.tube=0", "--need", "needs.tube=1", "--db", db, "--actor", "administrator:demo"])
        #expect(twice.status != 0 && twice.stderr.contains("needs.tube is given twice"))
    }
}
