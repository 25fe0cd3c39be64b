/// The SQL of the migration that records an assessor's assessment agency and
/// the last day their certificate is valid. Shared by both engines. Never
/// edited once released.
enum AssessorCertificateMigration {
    static let name = "assessor-certificates"

    static let sql = """
        ALTER TABLE assessors ADD COLUMN agency TEXT;
        ALTER TABLE assessors ADD COLUMN certificate_until TEXT;
        """
}
