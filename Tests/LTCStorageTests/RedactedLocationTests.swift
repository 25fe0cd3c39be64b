@testable import LTCStorage
import Testing

@Suite("A PostgreSQL URI is shown with every password hidden")
struct RedactedLocationTests {
    @Test("the password before the host and in the query are both hidden", arguments: [
        ("postgresql://ltc:secret@127.0.0.1:5432/ltc", "postgresql://ltc:***@127.0.0.1:5432/ltc"),
        ("postgresql://ltc@127.0.0.1/nonexist?password=pw2", "postgresql://ltc@127.0.0.1/nonexist?password=***"),
        ("postgresql://ltc@h/db?sslmode=require&password=pw&application_name=x", "postgresql://ltc@h/db?sslmode=require&password=***&application_name=x"),
        ("postgresql://u:p@h/db?sslpassword=k", "postgresql://u:***@h/db?sslpassword=***"),
        ("postgresql://ltc@127.0.0.1/ltc", "postgresql://ltc@127.0.0.1/ltc"),
    ])
    func hidden(uri: String, shown: String) {
        #expect(StoreLocation(uri).description == shown)
    }
}
