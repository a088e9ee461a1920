import Foundation
import Testing
@testable import Datasets

@Suite("Reuters-21578 markup reader")
struct ReutersMarkupTests {
    /// A small file in the style of the original reut2-NNN.sgm: an SGML doctype, several stories, the
    /// &#3; end-of-text entity, a story without topics, a brief story without body, an unprocessed one.
    let sgml = """
    <!DOCTYPE lewis SYSTEM "lewis.dtd">
    <REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5544" NEWID="1">
    <DATE>26-FEB-1987 15:01:01.79</DATE>
    <TOPICS><D>cocoa</D></TOPICS>
    <PLACES><D>el-salvador</D><D>usa</D></PLACES>
    <PEOPLE></PEOPLE>
    <TEXT>&#2;
    <TITLE>BAHIA COCOA REVIEW</TITLE>
    <DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued &lt;in&gt; the zone &amp; more.
     Reuter
    &#3;</BODY></TEXT>
    </REUTERS>
    <REUTERS TOPICS="NO" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5545" NEWID="2">
    <TOPICS></TOPICS>
    <PLACES><D>usa</D></PLACES>
    <TEXT>&#2;
    <TITLE>STANDARD OIL &lt;SRD> TO FORM FINANCIAL UNIT</TITLE>
    <BODY>Standard Oil Co said.</BODY></TEXT>
    </REUTERS>
    <REUTERS TOPICS="YES" LEWISSPLIT="TEST" CGISPLIT="TRAINING-SET" OLDID="1" NEWID="14826">
    <TOPICS><D>grain</D><D>corn</D></TOPICS>
    <PLACES></PLACES>
    <TEXT TYPE="BRIEF">&#2;
    <TITLE>CORN CROP UP</TITLE>
    </TEXT>
    </REUTERS>
    <REUTERS TOPICS="YES" LEWISSPLIT="NOT-USED" CGISPLIT="TRAINING-SET" OLDID="2" NEWID="99">
    <TOPICS><D>acq</D></TOPICS>
    <TEXT TYPE="UNPROC">&#2;
    unprocessed text &#5; here
    &#3;</TEXT>
    </REUTERS>
    """

    @Test func readsSeveralStoriesFromSGML() throws {
        let folder = try TemporaryFolder()
        let stories = try ReutersMarkup.read(path: try folder.write("reut2-000.sgm", sgml))
        #expect(stories.map(\.id) == [1, 2, 14826, 99])
        #expect(stories[0].title == "BAHIA COCOA REVIEW")
        #expect(stories[0].body == "Showers continued <in> the zone & more.\n Reuter")
        #expect(stories[0].topics == ["cocoa"])
        #expect(stories[0].places == ["el-salvador", "usa"])
        #expect(stories[1].title == "STANDARD OIL <SRD> TO FORM FINANCIAL UNIT")
        #expect(stories[1].topics.isEmpty)
        #expect(stories[2].topics == ["grain", "corn"])
        #expect(stories[2].body == "")
        #expect(stories[3].body == "unprocessed text  here")
    }

    @Test func modApteSplitFollowsLewisSplitAndTopics() throws {
        let folder = try TemporaryFolder()
        let stories = try ReutersMarkup.read(path: try folder.writeGzip("reut2-001.sgm.gz", Array(sgml.utf8)))
        #expect(stories.map(\.split) == [.train, .unused, .test, .unused])
    }

    @Test func latin1FilesAreDecoded() throws {
        let folder = try TemporaryFolder()
        let bytes = Array("<REUTERS TOPICS=\"YES\" LEWISSPLIT=\"TEST\" NEWID=\"7\"><TEXT><TITLE>M".utf8) + [0xFC]
            + Array("NCHEN</TITLE><BODY>x</BODY></TEXT></REUTERS>".utf8)
        let story = try #require(try ReutersMarkup.read(path: try folder.write("latin1.sgm", bytes)).first)
        #expect(story.title == "M\u{FC}NCHEN")
        #expect(story.split == .test)
    }

    @Test func unclosedStoryNamesTheLine() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("cut.sgm", "<!DOCTYPE lewis>\n<REUTERS TOPICS=\"YES\" NEWID=\"1\">\n<TEXT>never ends")
        let error = expectDatasetError { _ = try ReutersMarkup.read(path: path) }
        #expect(error?.location == .line(2))
        #expect(error?.reason.contains("</REUTERS>") == true)
    }

    @Test(.enabled(if: sharedData != nil, Comment(rawValue: sharedDataMissing)))
    func readsTheSharedXMLFolder() throws {
        let shared = try #require(sharedData)
        let stories = try ReutersMarkup.readFolder(path: shared.appendingPathComponent("reuters/tm").path)
        #expect(stories.count == 80)   // 50 acq + 20 crude + 10 in reuters-21578.xml (data README)
        let first = try #require(stories.first { $0.id == 10 && $0.topics == ["acq"] })
        #expect(first.title == "COMPUTER TERMINAL SYSTEMS <CPML> COMPLETES SALE")
        #expect(first.body.contains("of the Computer Terminal's outstanding common stock"))
        #expect(first.places == ["usa"])
        #expect(first.split == .train)
        #expect(stories.filter { $0.topics.contains("crude") }.count >= 20)
    }
}
